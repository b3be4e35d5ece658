import pytest

from iwe_pack.sources import sourced as schema
from iwe_pack.sources.typed_yaml import Invalid


def refused(parse, text) -> str:
    with pytest.raises(Invalid) as caught:
        parse(text)
    return caught.value.code


def test_addresses_and_versions():
    assert schema.EmailAddress.parse("evaluation@example.org") == "evaluation@example.org"
    assert refused(schema.EmailAddress.parse, "evaluation@localhost") == "value.email"
    assert schema.WebAddress.parse("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", "https://user@example.org/", "ftp://example.org"):
        refused(schema.WebAddress.parse, bad)
    assert schema.Version.parse("1.2.3") == "1.2.3"
    refused(schema.Version.parse, "v1")
