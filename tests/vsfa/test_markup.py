from django.utils.safestring import SafeString, mark_safe

from vsfa.markup import attributes


def test_writes_each_attribute_as_django_attrs_html_does():
    attrs = {"type": "radio", "checked": True, "disabled": False, "value": 3}

    written = attributes(attrs)

    assert written == ' type="radio" checked value="3"'
    assert isinstance(written, SafeString)


def test_escapes_names_and_values_but_not_what_is_marked_safe():
    attrs = {'data-"x"': "<b>&", "title": mark_safe("&amp;")}

    written = attributes(attrs)

    assert written == ' data-&quot;x&quot;="&lt;b&gt;&amp;" title="&amp;"'


class Rendered:
    """An object with its own HTML that is not marked safe."""

    def __html__(self):
        return "<b>html</b>"

    def __str__(self):
        return "<i>text</i>"


def test_writes_an_object_s_text_escaped_as_the_template_does():
    written = attributes({"data-x": Rendered()})

    assert written == ' data-x="&lt;i&gt;text&lt;/i&gt;"'
