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
