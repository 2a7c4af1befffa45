"""The jury grid a new final starts from; organisers edit it afterwards.

The programme's own grid is not public: PROGRAMME.md proposes these six, each
scored on the final's scale, with weights that add up to 100%.
"""

from decimal import Decimal

from django.utils.translation import gettext_noop

# (name, weight in %)
DEFAULT_CRITERIA = [
    (gettext_noop("Problem and customer validation"), Decimal("20")),
    (gettext_noop("Solution and innovation"), Decimal("20")),
    (gettext_noop("Market and business model"), Decimal("20")),
    (gettext_noop("Financial feasibility"), Decimal("15")),
    (gettext_noop("Team and learning during the programme"), Decimal("15")),
    (gettext_noop("Pitch delivery and answers to the jury"), Decimal("10")),
]
