from iwe_pack.sources.steps_schema import StepMinutes, VariantWhen


def test_a_steps_minutes_say_their_rule_in_words():
    assert str(StepMinutes(fixed=1)) == "1 minute" and StepMinutes(fixed=1).rules == ["fixed"]
    assert str(StepMinutes(per_group=3, plus=2)) == "3 minutes a group, plus 2 minutes"
    assert str(StepMinutes(per_pair=4)) == "4 minutes for each pair of groups"
    assert str(StepMinutes(per_person_seconds=30, people="group")) == "30 seconds for each person in a group"
    assert str(StepMinutes(rest=5)) == "what is left of the section (at least 5 minutes)"
    assert StepMinutes(per_group=3, rest=5).rules == ["per_group", "rest"]  # two rules: the checks refuse it


def test_when_a_variant_is_used_in_words():
    assert str(VariantWhen(format="in-person", groups_at_least=9)) == "in a room, with 9 groups or more"
    assert str(VariantWhen(format="virtual")) == "online" and str(VariantWhen()) == "always"
