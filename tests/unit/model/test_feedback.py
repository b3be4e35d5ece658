from iwe_pack.model.feedback import PAGE, feedback
from iwe_pack.sources.packs import PackFile

from ..conftest import load_text, shipped

PACK = shipped("packs/ynys-mon.yml")


def test_the_email_comes_from_the_contact_and_the_link_from_the_site(tmp_path, errors):
    pack = load_text(tmp_path, errors, "ynys-mon.yml", PACK, PackFile)
    got = feedback(pack, "ynys-mon", "https://example.org/site/")
    assert got.email == "rhian.parry@example.org"
    assert got.link == f"https://example.org/site/packs/ynys-mon/{PAGE}/"
    assert feedback(pack, "ynys-mon").link is None


def test_the_pack_own_email_and_link_win(tmp_path, errors):
    text = PACK + "evaluation_email: answers@example.org\nevaluation_link: https://forms.example.org/x\n"
    pack = load_text(tmp_path, errors, "ynys-mon.yml", text, PackFile)
    got = feedback(pack, "ynys-mon", "https://example.org")
    assert (got.email, got.link) == ("answers@example.org", "https://forms.example.org/x")
