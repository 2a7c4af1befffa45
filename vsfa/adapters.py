from allauth.account.adapter import DefaultAccountAdapter


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up alone: organisers invite mentors, jurors and participants."""

    def is_open_for_signup(self, request):
        return False
