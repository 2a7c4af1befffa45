"""Form fields written as crispy's Bootstrap 5 pack writes them, without templates.

crispy renders a field through about ten templates, and Django renders its
widget through one more per attribute list and per option: the attendee form
under every conference's attendance list took a third of the page's time,
for the same markup every time. ``field_group`` writes the label, the
widget, the errors and the help text from the same data: the widget's
attributes come from Django (``required``, ``aria-describedby``,
``aria-invalid``, ``maxlength``...), so they follow the form's fields.
"""

from django import template
from django.forms import widgets
from django.utils.html import format_html, format_html_join

from vsfa.markup import attributes

register = template.Library()
# Inputs crispy lays out otherwise.
_OTHERS = {"checkbox", "file", "hidden"}
_ASTERISK = format_html('<span class="asteriskField">{}</span>', "*")


@register.filter
def field_group(field):
    """``{{ form.name|field_group }}``: what ``{{ form.name|as_crispy_field }}``
    shows for a text, e-mail, date, text area or select field."""
    widget = field.field.widget
    if isinstance(widget, widgets.Textarea):
        control = _textarea(field, "form-control")
    elif isinstance(widget, widgets.Select) and not widget.allow_multiple_selected:
        control = _select(field, "form-select")
    elif isinstance(widget, widgets.Input) and widget.input_type not in _OTHERS:
        control = _input(field, "form-control")
    else:
        raise TypeError(f"field_group cannot write a {type(widget).__name__}")
    required = field.field.required
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}'
        "</label>{}{}{}</div>",
        field.auto_id,
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        _ASTERISK if required else "",
        control,
        _errors(field),
        _help_text(field),
    )


def _widget(field, css_class):
    """The widget's data as Django's templates receive it, with crispy's classes."""
    widget = field.field.widget
    # As crispy: the widget's classes and its class name, then Bootstrap's.
    classes = widget.attrs.get("class", "").split()
    classes += [type(widget).__name__.lower(), css_class]
    if field.errors:
        classes.append("is-invalid")
    attrs = {"class": " ".join(dict.fromkeys(classes))}
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget.get_context(field.html_name, field.value(), attrs)["widget"]


def _input(field, css_class):
    data = _widget(field, css_class)
    value = "" if data["value"] is None else format_html(' value="{}"', data["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        data["type"],
        data["name"],
        value,
        attributes(data["attrs"]),
    )


def _textarea(field, css_class):
    data = _widget(field, css_class)
    # As Django's template: a line break first, which browsers drop.
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        data["name"],
        attributes(data["attrs"]),
        data["value"] or "",
    )


def _select(field, css_class):
    data = _widget(field, css_class)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (option["value"], attributes(option["attrs"]), option["label"])
            # The forms written with it have no option groups.
            for _group, group_options, _index in data["optgroups"]
            for option in group_options
        ),
    )
    return format_html(
        '<select name="{}"{}>{}</select>',
        data["name"],
        attributes(data["attrs"]),
        options,
    )


def _errors(field):
    if not field.errors:
        return ""
    messages = format_html_join(
        "",
        '<p id="error_{}_{}"><strong>{}</strong></p>',
        (
            (number, field.auto_id, error)
            for number, error in enumerate(field.errors, start=1)
        ),
    )
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.auto_id,
        messages,
    )


def _help_text(field):
    if not field.help_text:
        return ""
    # crispy takes help text as markup; ours is plain words, escaped here.
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>',
        field.auto_id,
        field.help_text,
    )
