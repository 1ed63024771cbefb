"""Settings: a wrong or missing value gets one sentence naming it, and never echoes a secret."""

from datetime import time
from pathlib import Path

import pytest

from config.reglages import ErreurReglage, PlageHoraire, Reglages, charger_reglages

JETON = "123456789:AAE-un-jeton-tout-a-fait-plausible-xyz"


def charger(**valeurs: object) -> Reglages:
    return charger_reglages(_env_file=None, **valeurs)


def test_sqlite_par_defaut_et_heures_calmes_de_21h_a_8h() -> None:
    reglages = charger()
    assert reglages.database_url == "sqlite+aiosqlite:///./assemblee.db"
    assert reglages.fuseau_horaire == "Europe/Paris"
    assert reglages.heures_calmes == PlageHoraire(time(21), time(8))
    assert reglages.telegram_api_url == "https://api.telegram.org"


def test_jeton_absent_dit_comment_en_obtenir_un() -> None:
    with pytest.raises(ErreurReglage) as erreur:
        _ = charger(bot_token="").jeton
    assert "BOT_TOKEN" in str(erreur.value)
    assert "@BotFather" in str(erreur.value)


@pytest.mark.parametrize("jeton", ["changez-moi", "123:court", "pas un jeton"])
def test_jeton_mal_forme_refuse_sans_le_repeter(jeton: str) -> None:
    with pytest.raises(ErreurReglage) as erreur:
        charger(bot_token=jeton)
    assert "BOT_TOKEN" in str(erreur.value)
    assert jeton not in str(erreur.value)


@pytest.mark.parametrize(
    ("champ", "valeur", "nom"),
    [
        ("fuseau_horaire", "Europe/Pari", "FUSEAU_HORAIRE"),
        ("heures_calmes", "21h-", "HEURES_CALMES"),
        ("heures_calmes", "25:00-08:00", "HEURES_CALMES"),
        ("database_url", "mysql://x", "DATABASE_URL"),
        ("equipe_telegram_ids", "12,abc", "EQUIPE_TELEGRAM_IDS"),
        ("invitation_validite_jours", "0", "INVITATION_VALIDITE_JOURS"),
        ("telegram_api_url", "pas une url", "TELEGRAM_API_URL"),
        ("groupes_fichier", "/nulle/part/groupes.toml", "GROUPES_FICHIER"),
    ],
)
def test_reglage_invalide_nomme_le_reglage_en_une_phrase(champ: str, valeur: str, nom: str) -> None:
    with pytest.raises(ErreurReglage) as erreur:
        charger(**{champ: valeur})
    message = str(erreur.value)
    assert message.startswith(f"Le réglage {nom} est invalide")
    assert "\n" not in message


def test_valeurs_lues_depuis_l_environnement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", JETON)
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", "12, 34;56")
    monkeypatch.setenv("HEURES_CALMES", "22h30-7h00")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h:5432/b")
    reglages = charger()
    assert reglages.jeton == JETON
    assert reglages.equipe_telegram_ids == [12, 34, 56]
    assert reglages.heures_calmes == PlageHoraire(time(22, 30), time(7))
    assert reglages.database_url == "postgresql+asyncpg://u:p@h:5432/b"


def test_plage_qui_passe_minuit() -> None:
    nuit = PlageHoraire(time(21), time(8))
    assert nuit.contient(time(23, 59)) and nuit.contient(time(0)) and nuit.contient(time(7, 59))
    assert not nuit.contient(time(8)) and not nuit.contient(time(20, 59))
    journee = PlageHoraire(time(12), time(14))
    assert journee.contient(time(13)) and not journee.contient(time(15))


def test_chaque_reglage_est_documente_dans_env_example() -> None:
    exemple = (Path(__file__).resolve().parents[2] / "config" / ".env.example").read_text("utf-8")
    documentes = {
        ligne.lstrip("# ").split("=", 1)[0]
        for ligne in exemple.splitlines()
        if "=" in ligne and ligne.lstrip("# ").split("=", 1)[0].isupper()
    }
    assert {champ.upper() for champ in Reglages.model_fields} <= documentes


def test_env_example_copie_en_env_se_charge(tmp_path: Path) -> None:
    exemple = (Path(__file__).resolve().parents[2] / "config" / ".env.example").read_text("utf-8")
    fichier = tmp_path / ".env"
    fichier.write_text(exemple.replace("BOT_TOKEN=\n", f"BOT_TOKEN={JETON}\n"), "utf-8")
    reglages = charger_reglages(_env_file=fichier)
    assert reglages.jeton == JETON and reglages.envois_par_seconde == 30 and not reglages.webhook
