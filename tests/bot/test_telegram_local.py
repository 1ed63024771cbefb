"""Tests of the local Telegram Bot API stand-in, driven by a real aiogram Bot."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandStart
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiohttp import web

from telegram_local import (
    ErreurEntites,
    ReponseBouton,
    TelegramLocal,
    Utilisateur,
    parser_html,
    rendre,
)
from telegram_local.limites import _Limiteur


class HorlogeFactice:
    """Manually advanced clock."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest_asyncio.fixture
async def horloge() -> HorlogeFactice:
    return HorlogeFactice()


@pytest_asyncio.fixture
async def serveur(horloge: HorlogeFactice) -> AsyncIterator[TelegramLocal]:
    serveur = TelegramLocal(horloge=horloge)
    await serveur.demarrer()
    yield serveur
    await serveur.arreter()


# A long poll's own timeout, within the client's 60 s: "answered at once" is judged against it,
# not against a wall-clock threshold a busy machine could miss.
LONG_POLL = 40


def creer_bot(serveur: TelegramLocal, jeton: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(serveur.url))
    return Bot(jeton or serveur.jeton, session=session)


@pytest_asyncio.fixture
async def bot(serveur: TelegramLocal) -> AsyncIterator[Bot]:
    bot = creer_bot(serveur)
    yield bot
    await bot.session.close()


async def membre(serveur: TelegramLocal, user_id: int = 42, prenom: str = "Alice") -> Utilisateur:
    """A member whose private chat is known (they wrote to the bot once)."""
    utilisateur = serveur.utilisateur(user_id, prenom)
    await utilisateur.envoyer("bonjour", attendre=0)
    return utilisateur


@contextlib.asynccontextmanager
async def en_polling(dp: Dispatcher, bot: Bot, serveur: TelegramLocal) -> AsyncIterator[None]:
    tache = asyncio.create_task(dp.start_polling(bot, handle_signals=False))
    await serveur.attendre(lambda: serveur.longs_polls_en_attente > 0)
    try:
        yield
    finally:
        await dp.stop_polling()
        await tache


# --------------------------------------------------------------------------- HTML parser


def test_parser_html_entites_et_balises() -> None:
    texte, entites = parser_html(
        'a &amp; b &lt;3 &#233;&#xE9; & c <b>gras <i>it</i></b> <a href="https://x.org?a=1&amp;b=2">lien</a>'
    )
    assert texte == "a & b <3 éé & c gras it lien"
    assert {"type": "bold", "offset": 16, "length": 7} in entites
    assert {"type": "italic", "offset": 21, "length": 2} in entites
    assert {
        "type": "text_link",
        "offset": 24,
        "length": 4,
        "url": "https://x.org?a=1&b=2",
    } in entites


def test_parser_html_offsets_utf16_et_pre() -> None:
    texte, entites = parser_html(
        '😀 <u>x</u> <pre><code class="language-python">p</code></pre>'
        '<blockquote expandable>q</blockquote><span class="tg-spoiler">s</span>'
    )
    assert texte == "😀 x pqs"
    assert entites == [
        {"type": "underline", "offset": 3, "length": 1},
        {"type": "pre", "offset": 5, "length": 1, "language": "python"},
        {"type": "expandable_blockquote", "offset": 6, "length": 1},
        {"type": "spoiler", "offset": 7, "length": 1},
    ]


@pytest.mark.parametrize(
    ("source", "erreur"),
    [
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("é 1 < 2", 'Unsupported start tag "" at byte offset 5'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a <b", "Unclosed start tag at byte offset 2"),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
    ],
)
def test_parser_html_rejets(source: str, erreur: str) -> None:
    with pytest.raises(ErreurEntites, match=erreur.replace("(", r"\(")):
        parser_html(source)


# --------------------------------------------------------------------------- basics


@pytest.mark.asyncio
async def test_get_me_jeton_et_methode_inconnue(serveur: TelegramLocal, bot: Bot) -> None:
    moi = await bot.get_me()
    assert (moi.id, moi.username, moi.is_bot) == (serveur.bot_id, "assemblee_test_bot", True)

    intrus = creer_bot(serveur, "999:autre-jeton")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await intrus.get_me()
    finally:
        await intrus.session.close()

    async with aiohttp.ClientSession() as http:
        async with http.post(f"{serveur.url}/bot{serveur.jeton}/noSuchMethod") as resp:
            assert resp.status == 404
            assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.get(f"{serveur.url}/bot{serveur.jeton}/GETME") as resp:
            assert (await resp.json())["result"]["id"] == serveur.bot_id
    assert [a.code for a in serveur.appels] == [200, 401, 404, 200]


@pytest.mark.asyncio
async def test_parametres_json_formulaire_et_query(serveur: TelegramLocal) -> None:
    await membre(serveur)
    base = f"{serveur.url}/bot{serveur.jeton}/sendMessage"
    clavier = {"inline_keyboard": [[{"text": "Oui", "callback_data": "oui"}]]}
    async with aiohttp.ClientSession() as http:
        async with http.post(
            base, json={"chat_id": 42, "text": "json", "reply_markup": clavier}
        ) as r:
            assert r.status == 200
        async with http.post(base, data={"chat_id": "42", "text": "form"}) as r:
            assert r.status == 200
        async with http.get(base, params={"chat_id": "42", "text": "query"}) as r:
            assert (await r.json())["result"]["text"] == "query"
    messages = serveur.messages_du_bot(42)
    assert [m.texte_visible for m in messages] == ["json", "form", "query"]
    assert messages[0].boutons[0][0].callback_data == "oui"


@pytest.mark.asyncio
async def test_envoi_et_historique(serveur: TelegramLocal, bot: Bot) -> None:
    alice = await membre(serveur)
    envoye = await bot.send_message(42, "Bonjour <b>Alice</b> !", parse_mode="HTML")
    assert envoye.text == "Bonjour Alice !"
    assert envoye.entities is not None and envoye.entities[0].type == "bold"
    historique = serveur.historique(42)
    assert [(m.de_bot, m.texte_visible) for m in historique] == [
        (False, "bonjour"),
        (True, "Bonjour Alice !"),
    ]
    assert historique[1].texte == "Bonjour <b>Alice</b> !"
    assert historique[1].message_id == envoye.message_id == 2
    assert alice.dernier_message is historique[1]
    appel = serveur.appels[-1]
    assert (appel.methode, appel.code, appel.params["chat_id"]) == ("sendMessage", 200, "42")


@pytest.mark.asyncio
@pytest.mark.parametrize("texte", ["<p>x</p>", "<b>gras", "1 < 2", "&nbsp;"])
async def test_html_rejete(serveur: TelegramLocal, bot: Bot, texte: str) -> None:
    await membre(serveur)
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(42, texte, parse_mode="HTML")
    assert serveur.messages_du_bot(42) == []
    assert serveur.appels[-1].code == 400


@pytest.mark.asyncio
async def test_markdown_non_supporte_et_texte_brut(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)
    with pytest.raises(TelegramBadRequest, match="not supported by the local"):
        await bot.send_message(42, "*x*", parse_mode="MarkdownV2")
    message = await bot.send_message(42, "1 < 2 <b>")
    assert message.text == "1 < 2 <b>"


@pytest.mark.asyncio
async def test_longueur_du_texte(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)
    await bot.send_message(42, "a" * 4096)
    await bot.send_message(42, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(42, "😀" * 2048)
    for trop_long in ("a" * 4097, "😀" * 2048 + "a"):
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(42, trop_long)
    for vide in ("<b></b>", "   "):
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(42, vide, parse_mode="HTML")
    assert len(serveur.messages_du_bot(42)) == 3


@pytest.mark.asyncio
async def test_callback_data_64_octets(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)

    def clavier(donnees: str) -> InlineKeyboardMarkup:
        bouton = InlineKeyboardButton(text="Choisir", callback_data=donnees)
        return InlineKeyboardMarkup(inline_keyboard=[[bouton]])

    await bot.send_message(42, "ok", reply_markup=clavier("é" * 32))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(42, "ko", reply_markup=clavier("é" * 32 + "a"))
    [message] = serveur.messages_du_bot(42)
    assert message.boutons[0][0].callback_data == "é" * 32


@pytest.mark.asyncio
async def test_chat_inconnu_et_utilisateur_bloque(serveur: TelegramLocal, bot: Bot) -> None:
    serveur.utilisateur(7, "Bob")  # never wrote to the bot
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(7, "salut")
    await membre(serveur)
    serveur.bloquer(42)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(42, "salut")
    assert serveur.appels[-1].code == 403
    serveur.debloquer(42)
    await bot.send_message(42, "re")
    assert [m.texte_visible for m in serveur.messages_du_bot(42)] == ["re"]


@pytest.mark.asyncio
async def test_pannes_injectees(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)
    await membre(serveur, 43, "Bob")
    serveur.injecter_panne(code=429, methode="sendMessage", retry_after=7)
    serveur.injecter_panne(code=500, chat_id=43, fois=2)
    with pytest.raises(TelegramRetryAfter) as info:
        await bot.send_message(42, "a")
    assert info.value.retry_after == 7
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(43, "b")
    await bot.send_message(42, "a")
    await bot.send_message(43, "b")
    assert [a.code for a in serveur.appels] == [429, 500, 500, 200, 200]


@pytest.mark.asyncio
async def test_latence(serveur: TelegramLocal, bot: Bot) -> None:
    serveur.latence(1.0, "getMe")
    debut = time.monotonic()
    await bot.get_me()
    avec = time.monotonic() - debut
    assert avec >= 1.0  # a lower bound: a busy machine only makes it longer
    serveur.latence(0, "getMe")
    debut = time.monotonic()
    await bot.get_me()
    # Relative, not a threshold: without the latency the same call is shorter.
    assert time.monotonic() - debut < avec


@pytest.mark.asyncio
async def test_edition(serveur: TelegramLocal, bot: Bot) -> None:
    alice = await membre(serveur)
    clavier = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Oui", callback_data="oui")]]
    )
    envoye = await bot.send_message(42, "<i>Vote</i>", parse_mode="HTML", reply_markup=clavier)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            text="<i>Vote</i>",
            chat_id=42,
            message_id=envoye.message_id,
            parse_mode="HTML",
            reply_markup=clavier,
        )
    await bot.edit_message_text(text="Vote clos", chat_id=42, message_id=envoye.message_id)
    message = alice.message(envoye.message_id)
    assert (message.texte_visible, message.edite, message.boutons) == ("Vote clos", 1, [])
    await bot.edit_message_reply_markup(
        chat_id=42, message_id=envoye.message_id, reply_markup=clavier
    )
    assert message.edite == 2 and message.boutons[0][0].texte == "Oui"
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text(text="x", chat_id=42, message_id=1)
    await bot.delete_message(42, envoye.message_id)
    assert message.supprime and alice.messages_du_bot() == []
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="y", chat_id=42, message_id=envoye.message_id)


# --------------------------------------------------------------------------- updates


@pytest.mark.asyncio
async def test_get_updates_offset(serveur: TelegramLocal, bot: Bot) -> None:
    alice = serveur.utilisateur(42, "Alice")
    for texte in ("un", "deux", "trois"):
        await alice.envoyer(texte, attendre=0)
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates if u.message] == ["un", "deux", "trois"]
    premier = updates[0].update_id
    assert len(await bot.get_updates(offset=premier + 1, limit=1)) == 1
    assert [u.update_id for u in await bot.get_updates()] == [premier + 1, premier + 2]
    derniers = await bot.get_updates(offset=-1)
    assert [u.update_id for u in derniers] == [premier + 2]
    assert [u["update_id"] for u in serveur.updates_en_attente] == [premier + 2]
    assert await bot.get_updates(offset=premier + 3) == []
    assert serveur.updates_en_attente == []


@pytest.mark.asyncio
async def test_long_poll_rendu_des_qu_un_update_arrive(serveur: TelegramLocal, bot: Bot) -> None:
    alice = serveur.utilisateur(42, "Alice")
    debut = time.monotonic()
    tache = asyncio.create_task(bot.get_updates(timeout=LONG_POLL))
    await serveur.attendre(lambda: serveur.longs_polls_en_attente == 1)
    await alice.envoyer("/start", attendre=0)
    updates = await tache
    assert time.monotonic() - debut < LONG_POLL / 2  # answered long before its own timeout
    assert updates[0].message is not None and updates[0].message.text == "/start"
    assert updates[0].message.entities is not None
    assert updates[0].message.entities[0].type == "bot_command"


@pytest.mark.asyncio
async def test_arreter_libere_les_long_polls(serveur: TelegramLocal, bot: Bot) -> None:
    tache = asyncio.create_task(bot.get_updates(timeout=LONG_POLL))
    await serveur.attendre(lambda: serveur.longs_polls_en_attente == 1)
    debut = time.monotonic()
    await serveur.arreter()
    assert await tache == []
    assert time.monotonic() - debut < LONG_POLL / 2  # released, not left to its timeout


@pytest.mark.asyncio
async def test_couper_refuse_les_connexions_puis_retablir_garde_tout(
    serveur: TelegramLocal, bot: Bot
) -> None:
    alice = serveur.utilisateur(42, "Alice", connu=True)
    await bot.send_message(42, "avant")
    url = serveur.url
    long_poll = asyncio.create_task(bot.get_updates(timeout=LONG_POLL))
    await serveur.attendre(lambda: serveur.longs_polls_en_attente == 1)
    debut = time.monotonic()
    await serveur.couper()
    assert await long_poll == []  # answered at once, not left hanging
    assert time.monotonic() - debut < LONG_POLL / 2
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection(urlsplit(url).hostname, urlsplit(url).port)
    for _ in range(2):  # a pooled connection was closed, then a new one is refused
        with pytest.raises(TelegramNetworkError):
            await bot.send_message(42, "pendant")
    await alice.envoyer("écrit pendant la coupure", attendre=0)  # Telegram keeps it
    assert await serveur.retablir() == url
    await bot.send_message(42, "après")
    assert [m.texte_visible for m in serveur.messages_du_bot(42)] == ["avant", "après"]
    updates = await bot.get_updates(offset=-1)
    assert updates[0].message is not None
    assert updates[0].message.text == "écrit pendant la coupure"
    assert [a.code for a in serveur.appels if a.methode == "sendMessage"] == [200, 200]


@pytest.mark.asyncio
async def test_allowed_updates_filtre(serveur: TelegramLocal, bot: Bot) -> None:
    serveur.injecter_update(
        {"edited_message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}}
    )
    serveur.injecter_update(
        {"message": {"message_id": 2, "date": 0, "chat": {"id": 1, "type": "private"}}}
    )
    updates = await bot.get_updates(allowed_updates=["message"])
    assert [u.event_type for u in updates] == ["message"]


# --------------------------------------------------------------------------- round trip


def routeur_de_demo() -> Router:
    routeur = Router()

    @routeur.message(CommandStart())
    async def accueil(message: Message) -> None:
        clavier = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text="J'accepte", callback_data="charte:oui"),
                    InlineKeyboardButton(text="Je refuse", callback_data="charte:non"),
                ],
                [InlineKeyboardButton(text="Lire la charte", url="https://example.org/charte")],
            ]
        )
        await message.answer(
            f"Bienvenue <b>{message.from_user.first_name if message.from_user else ''}</b>",
            parse_mode="HTML",
            reply_markup=clavier,
        )

    @routeur.callback_query(F.data.startswith("charte:"))
    async def choix(requete: CallbackQuery) -> None:
        if requete.data == "charte:oui" and isinstance(requete.message, Message):
            await requete.message.edit_text("Merci, c'est noté.")
            await requete.answer("Enregistré")
        else:
            await requete.answer("Choix inconnu", show_alert=True)

    return routeur


@pytest.mark.asyncio
async def test_aller_retour_utilisateur(serveur: TelegramLocal, bot: Bot) -> None:
    dp = Dispatcher()
    dp.include_router(routeur_de_demo())
    alice = serveur.utilisateur(42, "Alice")
    async with en_polling(dp, bot, serveur):
        [accueil] = await alice.envoyer("/start")
        assert accueil.texte_visible == "Bienvenue Alice"
        assert rendre(accueil) == "Bienvenue Alice\n[ J'accepte ] [ Je refuse ]\n[ Lire la charte ]"
        with pytest.raises(LookupError, match="J'accepte"):
            await alice.cliquer(accueil, "Peut-être")
        reponse = await alice.cliquer(accueil, "accepte")
        assert (reponse.texte, reponse.show_alert) == ("Enregistré", False)
        assert alice.message(accueil.message_id).texte_visible == "Merci, c'est noté."
        assert accueil.edite == 1 and accueil.boutons == []
        forge = await alice.appuyer(accueil.message_id, "charte:pirate")
        assert (forge.texte, forge.show_alert) == ("Choix inconnu", True)
    assert [m.de_bot for m in serveur.historique(42)] == [False, True]


@pytest.mark.asyncio
async def test_answer_callback_query_deux_fois(serveur: TelegramLocal, bot: Bot) -> None:
    alice = serveur.utilisateur(42, "Alice")
    envoi = asyncio.create_task(alice.appuyer(1, "x"))
    await serveur.attendre(lambda: bool(serveur.updates_en_attente), 2)
    [update] = await bot.get_updates()
    assert update.callback_query is not None
    await bot.answer_callback_query(update.callback_query.id, text="ok")
    assert (await envoi).texte == "ok"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(update.callback_query.id)


@pytest.mark.asyncio
async def test_reponse_bouton_datee_de_l_appui_et_de_la_reponse(
    serveur: TelegramLocal, bot: Bot, horloge: HorlogeFactice
) -> None:
    alice = serveur.utilisateur(42, "Alice")
    envoi = asyncio.create_task(alice.appuyer(1, "x"))
    await serveur.attendre(lambda: bool(serveur.updates_en_attente), 2)
    horloge.t += 0.25  # the bot takes a quarter of a second to answer
    [update] = await bot.get_updates()
    assert update.callback_query is not None
    await bot.answer_callback_query(update.callback_query.id, text="ok")
    reponse = await envoi
    assert (reponse.appuye_le, reponse.repondu_le, reponse.delai) == (1000.0, 1000.25, 0.25)
    assert reponse == ReponseBouton("ok", False)  # the times are not part of what it says


@pytest.mark.asyncio
async def test_attendre_expire_avec_message_utile(serveur: TelegramLocal, bot: Bot) -> None:
    alice = serveur.utilisateur(42, "Alice")
    await bot.get_me()
    with pytest.raises(TimeoutError, match=r"1 bot message\(s\) in chat 42.*getMe -> 200"):
        await alice.envoyer("/start", delai=0.05)


# --------------------------------------------------------------------------- files


@pytest.mark.asyncio
async def test_send_document_multipart(serveur: TelegramLocal, bot: Bot) -> None:
    alice = await membre(serveur)
    contenu = bytes(range(256)) * 10
    envoye = await bot.send_document(
        42,
        BufferedInputFile(contenu, filename="synthese.pdf"),
        caption="<i>Synthèse</i> du jour",
        parse_mode="HTML",
    )
    assert envoye.document is not None and envoye.caption == "Synthèse du jour"
    message = alice.dernier_message
    assert message is not None and message.document is not None
    assert (message.document.nom, message.document.mime) == ("synthese.pdf", "application/pdf")
    assert message.document.contenu == contenu
    assert rendre(message) == "📎 synthese.pdf\nSynthèse du jour"
    await bot.send_document(42, envoye.document.file_id)
    assert alice.messages_du_bot()[-1].document == message.document
    telecharge = await bot.download(envoye.document.file_id)
    assert telecharge is not None and telecharge.read() == contenu
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_document(42, "inconnu")


@pytest.mark.asyncio
async def test_send_photo_et_document_recu(serveur: TelegramLocal, bot: Bot) -> None:
    alice = await membre(serveur)
    await alice.envoyer_document("avis.txt", b"mon avis", attendre=0)
    [_, _] = await bot.get_updates()
    [update] = await bot.get_updates(offset=-1)
    assert update.message is not None and update.message.document is not None
    recu = await bot.download(update.message.document.file_id)
    assert recu is not None and recu.read() == b"mon avis"
    png = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + (3).to_bytes(4, "big") + (2).to_bytes(4, "big")
    photo = await bot.send_photo(42, BufferedInputFile(png, filename="p.png"), caption="vue")
    assert photo.photo is not None and (photo.photo[0].width, photo.photo[0].height) == (3, 2)
    assert alice.dernier_message is not None and alice.dernier_message.photo == png


# --------------------------------------------------------------------------- commands, webhook


@pytest.mark.asyncio
async def test_commandes_par_portee(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)
    await bot.set_my_commands([BotCommand(command="start", description="Démarrer")])
    await bot.set_my_commands(
        [BotCommand(command="ordre", description="Ordre du jour")],
        scope=BotCommandScopeChat(chat_id=42),
        language_code="fr",
    )
    assert serveur.commandes() == [{"command": "start", "description": "Démarrer"}]
    assert serveur.commandes({"type": "chat", "chat_id": 42}, "fr") == [
        {"command": "ordre", "description": "Ordre du jour"}
    ]
    assert serveur.commandes({"type": "chat", "chat_id": 42}) is None
    lues = await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=42), language_code="fr")
    assert [c.command for c in lues] == ["ordre"]
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=42), language_code="fr")
    assert serveur.commandes({"type": "chat", "chat_id": 42}, "fr") is None
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Mauvaise commande", description="x")])


@pytest.mark.asyncio
async def test_webhook_push_avec_secret(serveur: TelegramLocal, bot: Bot) -> None:
    recus: list[tuple[str | None, dict[str, object]]] = []
    statuts = [500, 200, 200]

    async def recevoir(requete: web.Request) -> web.Response:
        recus.append((requete.headers.get("X-Telegram-Bot-Api-Secret-Token"), await requete.json()))
        return web.json_response({}, status=statuts.pop(0))

    app = web.Application()
    app.router.add_post("/hook", recevoir)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        alice = serveur.utilisateur(42, "Alice")
        await alice.envoyer("ancien", attendre=0)
        assert await bot.set_webhook(url, secret_token="s3cret_Token", drop_pending_updates=True)
        with pytest.raises(TelegramConflictError):
            await bot.get_updates()
        await alice.envoyer("/start", attendre=0)
        await serveur.attendre(lambda: len(recus) == 2, 3)
        assert [secret for secret, _ in recus] == ["s3cret_Token", "s3cret_Token"]
        corps = recus[1][1]
        assert isinstance(corps["message"], dict) and corps["message"]["text"] == "/start"
        await serveur.attendre(lambda: len(serveur.livraisons_webhook) == 2, 3)
        assert [liv.statut for liv in serveur.livraisons_webhook] == [500, 200]
        info = await bot.get_webhook_info()
        assert info.url == url and info.pending_update_count == 0
        assert info.last_error_message is not None and "500" in info.last_error_message
        assert await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.get_updates() == []
    finally:
        await runner.cleanup()


@pytest.mark.asyncio
async def test_webhook_reponse_methode(serveur: TelegramLocal, bot: Bot) -> None:
    async def recevoir(requete: web.Request) -> web.Response:
        update = await requete.json()
        chat_id = update["message"]["chat"]["id"]
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "écho"})

    app = web.Application()
    app.router.add_post("/hook", recevoir)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        await bot.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
        [echo] = await serveur.utilisateur(42, "Alice").envoyer("salut")
        assert echo.texte_visible == "écho"
    finally:
        await runner.cleanup()


# --------------------------------------------------------------------------- rate limits


@pytest.mark.asyncio
async def test_limite_globale_30_par_seconde(
    serveur: TelegramLocal, bot: Bot, horloge: HorlogeFactice
) -> None:
    for user_id in range(1, 32):
        await membre(serveur, user_id, f"M{user_id}")
    for user_id in range(1, 32):
        await bot.send_message(user_id, "convocation")
    assert (serveur.violations.total, serveur.violations.globales) == (1, 1)
    horloge.t += 1.0
    for user_id in range(1, 31):
        await bot.send_message(user_id, "rappel")
    assert serveur.violations.globales == 1


@pytest.mark.asyncio
async def test_limite_par_chat_prive(
    serveur: TelegramLocal, bot: Bot, horloge: HorlogeFactice
) -> None:
    await membre(serveur)
    for _ in range(3):
        await bot.send_message(42, "rafale")
    assert serveur.violations.total == 0
    for _ in range(2):
        await bot.send_message(42, "trop")
    assert serveur.violations.par_chat == {42: 2}
    horloge.t += 1.0
    await bot.send_message(42, "ok après 1 s")
    assert serveur.violations.total == 2
    await bot.edit_message_text(text="édité", chat_id=42, message_id=2)
    assert serveur.violations.total == 2


@pytest.mark.asyncio
async def test_limite_groupe_20_par_minute(
    serveur: TelegramLocal, bot: Bot, horloge: HorlogeFactice
) -> None:
    serveur.ajouter_groupe(-5001, "Plénière")
    for _ in range(21):
        horloge.t += 2.0
        await bot.send_message(-5001, "annonce")
    assert serveur.violations.par_chat == {-5001: 1}
    horloge.t += 60.0
    await bot.send_message(-5001, "plus tard")
    assert serveur.violations.total == 1
    chat = await bot.get_chat(-5001)
    assert (chat.type, chat.title) == ("group", "Plénière")


@pytest.mark.asyncio
async def test_limites_imposees(horloge: HorlogeFactice) -> None:
    async with TelegramLocal(horloge=horloge, imposer_limites=True) as serveur:
        bot = creer_bot(serveur)
        try:
            await membre(serveur)
            for _ in range(3):
                await bot.send_message(42, "rafale")
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(42, "trop")
            assert info.value.retry_after == 1
            horloge.t += 1.0
            await bot.send_message(42, "ok")
        finally:
            await bot.session.close()
        assert len(serveur.messages_du_bot(42)) == 4
        assert serveur.violations.par_chat == {42: 1}


def test_appel_params_decodes_en_json() -> None:
    clavier = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    decodes = TelegramLocal._decoder({"reply_markup": json.dumps(clavier), "text": "[1]"})
    assert decodes == {"reply_markup": clavier, "text": "[1]"}


# --------------------------------------------------------------------------- outbox support


@pytest.mark.asyncio
async def test_utilisateur_connu_recoit_sans_avoir_ecrit(serveur: TelegramLocal, bot: Bot) -> None:
    bob = serveur.utilisateur(7, "Bob", connu=True)
    envoye = await bot.send_message(7, "Convocation")
    assert (envoye.message_id, envoye.chat.type, envoye.chat.first_name) == (1, "private", "Bob")
    assert [m.texte_visible for m in bob.messages_du_bot()] == ["Convocation"]
    assert serveur.updates_en_attente == []
    serveur.utilisateur(8, "Eve")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(8, "x")
    assert serveur.utilisateur(8, "Eve", connu=True) is serveur.utilisateur(8, "Eve")
    await bot.send_message(8, "x")


@pytest.mark.asyncio
async def test_retry_after_injecte_ouvre_une_fenetre_globale(
    serveur: TelegramLocal, bot: Bot, horloge: HorlogeFactice
) -> None:
    await membre(serveur)
    await membre(serveur, 43, "Bob")
    serveur.injecter_panne(code=429, methode="sendMessage", chat_id=42, retry_after=5)
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(42, "a")
    assert serveur.reste_retry_after == 5
    await bot.get_me()  # not a message
    await bot.send_chat_action(43, "typing")
    assert serveur.violations.total == 0
    horloge.t += 4.5
    await bot.send_message(43, "autre chat")  # the window is bot-wide
    await bot.send_document(42, BufferedInputFile(b"pv", filename="pv.txt"))
    await bot.send_photo(42, BufferedInputFile(b"img", filename="p.png"))
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(99, "arrive quand même dans la fenêtre")
    evenements = serveur.violations.evenements
    assert [(v.genre, v.chat_id, v.horodatage) for v in evenements] == [
        ("retry_after", 43, 1004.5),
        ("retry_after", 42, 1004.5),
        ("retry_after", 42, 1004.5),
        ("retry_after", 99, 1004.5),
    ]
    assert (serveur.violations.total, serveur.violations.retry_after) == (4, 4)
    assert (serveur.violations.globales, serveur.violations.par_chat) == (0, {})
    assert serveur.nombre_envoyes() == 3  # counted, not refused: limits are not imposed
    horloge.t += 0.5
    await bot.send_message(42, "à l'heure")
    assert serveur.violations.total == 4 and serveur.reste_retry_after == 0
    serveur.injecter_panne(code=429, methode="getMe", retry_after=2)
    with pytest.raises(TelegramRetryAfter):
        await bot.get_me()
    await bot.send_message(42, "tout 429 ouvre la fenêtre")
    assert serveur.violations.retry_after == 5


@pytest.mark.asyncio
async def test_retry_after_impose_refuse_avec_le_reste(horloge: HorlogeFactice) -> None:
    async with TelegramLocal(horloge=horloge, imposer_limites=True) as serveur:
        bot = creer_bot(serveur)
        try:
            await membre(serveur)
            await membre(serveur, 43, "Bob")
            serveur.injecter_panne(code=429, chat_id=42, retry_after=3)
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(42, "a")
            assert info.value.retry_after == 3
            horloge.t += 1.5
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(43, "b")
            assert info.value.retry_after == 2  # 1.5 s left, rounded up
            # That answer is a 429 too: honouring it means waiting until +3.5 s.
            horloge.t += 1.5
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(42, "c")
            assert info.value.retry_after == 1
            assert (await bot.get_me()).id == serveur.bot_id
            horloge.t += 1.0
            await bot.send_message(42, "ok")
            await bot.send_message(43, "ok")
        finally:
            await bot.session.close()
        assert [(v.genre, v.chat_id) for v in serveur.violations.evenements] == [
            ("retry_after", 43),
            ("retry_after", 42),
        ]
        assert serveur.envois_par_chat() == {42: 1, 43: 1}


@pytest.mark.asyncio
async def test_retry_after_des_limites_imposees_vaut_pour_tout_le_bot(
    horloge: HorlogeFactice,
) -> None:
    async with TelegramLocal(horloge=horloge, imposer_limites=True) as serveur:
        bot = creer_bot(serveur)
        try:
            await membre(serveur)
            await membre(serveur, 43, "Bob")
            for _ in range(3):
                await bot.send_message(42, "rafale")
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(42, "trop")
            assert info.value.retry_after == 1
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(43, "pendant l'attente")
            assert info.value.retry_after == 1
            horloge.t += 1.0
            await bot.send_message(43, "ok")
            await bot.send_message(42, "ok")
        finally:
            await bot.session.close()
        assert [(v.genre, v.chat_id) for v in serveur.violations.evenements] == [
            ("chat", 42),
            ("retry_after", 43),
        ]
        assert serveur.violations.par_chat == {42: 1}


@pytest.mark.asyncio
async def test_retry_after_sur_l_horloge_des_limites(horloge: HorlogeFactice) -> None:
    async with TelegramLocal(horloge=horloge, imposer_limites=True, pas_humain=1.0) as serveur:
        bot = creer_bot(serveur)
        try:
            alice = await membre(serveur)
            serveur.injecter_panne(code=429, retry_after=2)
            with pytest.raises(TelegramRetryAfter):
                await bot.send_message(42, "a")
            await alice.envoyer("je patiente", attendre=0)  # +1 s on the rate clock
            assert serveur.reste_retry_after == 1
            with pytest.raises(TelegramRetryAfter) as info:
                await bot.send_message(42, "b")
            assert info.value.retry_after == 1
            await alice.envoyer("toujours là", attendre=0)
            await bot.send_message(42, "c")
        finally:
            await bot.session.close()
        assert serveur.violations.retry_after == 1
        assert horloge.t == 1000.0


@pytest.mark.asyncio
async def test_compteurs_d_envois(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)  # the member's own message is not counted
    serveur.utilisateur(43, "Bob", connu=True)
    serveur.ajouter_groupe(-5001, "Plénière")
    assert (serveur.nombre_envoyes(), serveur.envois_par_chat()) == (0, {})
    premier = await bot.send_message(42, "un")
    await bot.send_message(42, "deux")
    await bot.send_document(43, BufferedInputFile(b"pv", filename="pv.txt"))
    await bot.send_message(-5001, "annonce")
    await bot.copy_message(43, 42, premier.message_id)
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(42, "<b></b>", parse_mode="HTML")
    serveur.bloquer(43)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(43, "bloqué")
    await bot.delete_message(42, premier.message_id)
    assert serveur.nombre_envoyes() == 5
    assert [serveur.nombre_envoyes(c) for c in (42, 43, -5001, 99)] == [2, 2, 1, 0]
    par_chat = serveur.envois_par_chat()
    assert par_chat == {42: 2, 43: 2, -5001: 1}
    par_chat[42] = 0
    assert serveur.nombre_envoyes(42) == 2


@pytest.mark.asyncio
async def test_copy_message(serveur: TelegramLocal, bot: Bot) -> None:
    await membre(serveur)
    bob = serveur.utilisateur(43, "Bob", connu=True)
    clavier = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Oui", callback_data="oui")]]
    )
    source = await bot.send_message(
        42, "<b>Plénière</b> jeudi", parse_mode="HTML", reply_markup=clavier
    )
    copie = await bot.copy_message(43, 42, source.message_id)
    [message] = bob.messages_du_bot()
    assert copie.message_id == message.message_id == 1
    assert (message.texte_visible, message.boutons) == ("Plénière jeudi", [])
    assert message.entites == [{"type": "bold", "offset": 0, "length": 8}]
    pv = await bot.send_document(42, BufferedInputFile(b"pv", filename="pv.txt"), caption="PV")
    await bot.copy_message(43, 42, pv.message_id, caption="<i>PV</i> du jour", parse_mode="HTML")
    await bot.copy_message(43, 42, 1)  # the member's own message
    _, document, texte = bob.messages_du_bot()
    assert document.document is not None and document.document.contenu == b"pv"
    assert (document.legende, texte.texte_visible) == ("PV du jour", "bonjour")
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(43, 42, 999)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.copy_message(43, 99, 1)


@pytest.mark.asyncio
async def test_dix_mille_envois_observes_a_cout_constant(
    horloge: HorlogeFactice, monkeypatch: pytest.MonkeyPatch
) -> None:
    serveur = TelegramLocal(horloge=horloge)  # no HTTP: the request handler is driven directly
    for user_id in range(1, 10_001):
        serveur.utilisateur(user_id, f"M{user_id}", connu=True)

    def interdit(nombre: int = 6) -> str:
        raise AssertionError("the call history must only be summarised on a timeout")

    monkeypatch.setattr(serveur, "_resume_appels", interdit)
    evaluations = 0

    def tous_livres() -> bool:
        nonlocal evaluations
        evaluations += 1
        return serveur.nombre_envoyes() >= 10_000

    attente = asyncio.create_task(serveur.attendre(tous_livres))
    await asyncio.sleep(0)
    codes = set()
    for user_id in range(1, 10_001):
        params = {"chat_id": str(user_id), "text": "Annonce"}
        code, _ = await serveur._executer(serveur.jeton, "sendMessage", params, {})
        codes.add(code)
        if user_id % 30 == 0:
            await asyncio.sleep(0)  # 30 messages between two wake-ups, as an outbox would
    await attente
    assert codes == {200}
    assert evaluations <= 10_000 // 30 + 3  # once per wake-up, not once per API call
    par_chat = serveur.envois_par_chat()
    assert len(par_chat) == 10_000 and set(par_chat.values()) == {1}
    assert (serveur.nombre_envoyes(10_000), len(serveur.appels)) == (1, 10_000)


@pytest.mark.asyncio
async def test_trois_cents_requetes_simultanees(serveur: TelegramLocal) -> None:
    url = f"{serveur.url}/bot{serveur.jeton}/getUpdates"

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:

        async def long_poll() -> int:
            async with http.post(url, json={"timeout": 20}) as reponse:
                return len((await reponse.json())["result"])

        requetes = [asyncio.create_task(long_poll()) for _ in range(300)]
        await serveur.attendre(lambda: serveur.longs_polls_en_attente == 300)
        serveur.injecter_update(
            {"message": {"message_id": 1, "date": 0, "chat": {"id": 42, "type": "private"}}}
        )
        assert await asyncio.gather(*requetes) == [1] * 300


def test_les_envois_deja_en_route_apres_un_429_ne_sont_pas_des_violations() -> None:
    """A client with N sends in parallel has at most N - 1 others on the wire when one gets
    a 429: those are forgiven however late they arrive (a busy machine), the next is not."""
    maintenant = [100.0]
    limiteur = _Limiteur(lambda: maintenant[0])
    limiteur.grace_en_vol = 2
    limiteur.penaliser(5)
    maintenant[0] += 1.5  # far past any delay-based grace
    for _ in range(2):
        limiteur.verifier_penalite(42, imposer=False)
    assert limiteur.violations.retry_after == 0
    limiteur.verifier_penalite(42, imposer=False)
    assert limiteur.violations.retry_after == 1
    maintenant[0] += 10  # a new window starts afresh
    limiteur.penaliser(5)
    limiteur.verifier_penalite(42, imposer=False)
    assert limiteur.violations.retry_after == 1
