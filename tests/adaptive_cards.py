"""A structural check of the Adaptive Card schema 1.5 subset the bot uses (Teams' version).

No JSON schema of Adaptive Cards is published on PyPI, and nothing may be downloaded at run
time, so this is written from the 1.5 schema's documentation
(adaptivecards.io/explorer): the element and action names, their required properties, the
properties each may have and the values of the enumerations used. Anything outside the
subset is an error, so a new element has to be added here, with its rules, first.
"""

from __future__ import annotations

from typing import Any

VERSION = "1.5"
SPACING = {"None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"}
COMMON = {"type", "id", "spacing", "separator", "isVisible", "requires", "fallback", "height"}
ELEMENTS: dict[str, tuple[set[str], set[str]]] = {
    # name: (required, allowed besides COMMON)
    "TextBlock": ({"text"}, {"text", "wrap", "weight", "size", "color", "isSubtle", "maxLines",
                             "horizontalAlignment", "fontType", "style"}),
    "Image": ({"url"}, {"url", "altText", "size", "style", "width", "horizontalAlignment",
                        "backgroundColor"}),
    "Container": ({"items"}, {"items", "style", "bleed", "minHeight", "verticalContentAlignment",
                              "selectAction"}),
    "ActionSet": ({"actions"}, {"actions"}),
    "FactSet": ({"facts"}, {"facts"}),
    "Input.Text": ({"id"}, {"label", "isMultiline", "maxLength", "placeholder", "value", "style",
                            "isRequired", "errorMessage", "regex"}),
    "Input.ChoiceSet": ({"id", "choices"}, {"label", "choices", "style", "value", "isMultiSelect",
                                            "isRequired", "errorMessage", "placeholder", "wrap"}),
}  # fmt: skip
ACTIONS: dict[str, tuple[set[str], set[str]]] = {
    "Action.Execute": ({"title", "verb"}, {"title", "verb", "data", "style", "associatedInputs",
                                           "id", "isEnabled", "tooltip", "iconUrl", "mode"}),
    "Action.OpenUrl": ({"title", "url"}, {"title", "url", "style", "id", "tooltip", "iconUrl"}),
}  # fmt: skip
ENUMS = {
    ("TextBlock", "weight"): {"Default", "Lighter", "Bolder"},
    ("TextBlock", "size"): {"Default", "Small", "Medium", "Large", "ExtraLarge"},
    ("TextBlock", "color"): {"Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"},
    ("Image", "size"): {"Auto", "Stretch", "Small", "Medium", "Large"},
    ("Input.ChoiceSet", "style"): {"compact", "expanded", "filtered"},
    ("Action", "style"): {"default", "positive", "destructive"},
    ("Action", "associatedInputs"): {"auto", "none"},
}
BOOLEANS = {"wrap", "isSubtle", "separator", "isMultiline", "isRequired", "isMultiSelect",
            "isVisible", "isEnabled"}  # fmt: skip
TEAMS_MAX_BYTES = 28 * 1024  # a Teams message, card and all


def problems(card: dict[str, Any]) -> list[str]:
    """Everything in ``card`` the 1.5 schema (as subset above) would not accept."""
    found: list[str] = []
    if card.get("type") != "AdaptiveCard":
        found.append("root: type must be AdaptiveCard")
    if card.get("version") != VERSION:
        found.append(f"root: version must be {VERSION}")
    allowed_root = {"type", "version", "$schema", "body", "actions", "fallbackText", "speak",
                    "lang", "msteams", "refresh", "verticalContentAlignment", "minHeight"}  # fmt: skip
    found += [f"root: unknown property {k!r}" for k in set(card) - allowed_root]
    if not str(card.get("fallbackText") or "").strip():
        found.append("root: no fallbackText")
    ids: list[str] = []
    for index, element in enumerate(card.get("body") or []):
        found += _element(element, f"body[{index}]", ids)
    for index, action in enumerate(card.get("actions") or []):
        found += _action(action, f"actions[{index}]")
    duplicates = {i for i in ids if ids.count(i) > 1}
    found += [f"id {i!r} used twice" for i in sorted(duplicates)]
    return found


def _element(element: dict, where: str, ids: list[str]) -> list[str]:
    kind = element.get("type")
    if kind not in ELEMENTS:
        return [f"{where}: unknown element {kind!r}"]
    required, allowed = ELEMENTS[kind]
    out = [f"{where}: {kind} needs {p!r}" for p in sorted(required - set(element))]
    out += [f"{where}: {kind} has unknown {p!r}" for p in sorted(set(element) - allowed - COMMON)]
    out += _values(kind, element, where)
    if "id" in element:
        ids.append(element["id"])
    if kind == "TextBlock" and not isinstance(element.get("text"), str):
        out.append(f"{where}: text must be a string")
    if kind == "Input.ChoiceSet":
        for n, choice in enumerate(element.get("choices") or []):
            if set(choice) != {"title", "value"} or not all(
                isinstance(v, str) for v in choice.values()
            ):
                out.append(f"{where}.choices[{n}]: needs a title and a value, both strings")
    if (
        kind == "Input.Text"
        and "maxLength" in element
        and not isinstance(element["maxLength"], int)
    ):
        out.append(f"{where}: maxLength must be a number")
    if kind == "Container":
        for n, item in enumerate(element.get("items") or []):
            out += _element(item, f"{where}.items[{n}]", ids)
    if kind == "ActionSet":
        for n, action in enumerate(element.get("actions") or []):
            out += _action(action, f"{where}.actions[{n}]")
    return out


def _action(action: dict, where: str) -> list[str]:
    kind = action.get("type")
    if kind not in ACTIONS:
        return [f"{where}: unknown action {kind!r}"]
    required, allowed = ACTIONS[kind]
    out = [f"{where}: {kind} needs {p!r}" for p in sorted(required - set(action))]
    out += [f"{where}: {kind} has unknown {p!r}" for p in sorted(set(action) - allowed - {"type"})]
    out += _values("Action", action, where)
    if "data" in action and not isinstance(action["data"], dict):
        out.append(f"{where}: data must be an object")
    return out


def _values(kind: str, node: dict, where: str) -> list[str]:
    out = []
    for (owner, name), values in ENUMS.items():
        if owner == kind and name in node and node[name] not in values:
            out.append(f"{where}: {name} {node[name]!r} is not one of {sorted(values)}")
    if "spacing" in node and node["spacing"] not in SPACING:
        out.append(f"{where}: spacing {node['spacing']!r}")
    out += [f"{where}: {name} must be true or false" for name in BOOLEANS
            if name in node and not isinstance(node[name], bool)]  # fmt: skip
    return out
