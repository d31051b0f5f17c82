"""What a seller may send, and what only Amazon may send.

Two kinds of things live here, deliberately kept apart:

* **Amazon's Contact Customer options** (Brand Dashboard -> Customer Reviews): a *courtesy refund* email and a
  *customer support* email asking the buyer's permission to be contacted. Amazon writes and sends them; the seller
  cannot edit them. The library models them as options it may recommend, with their eligibility, never as text.
  A refund offer that a seller writes to the author of a negative review is exactly what Amazon bans
  (M-REVIEW-FOR-REFUND): Amazon's template is allowed because it is not conditioned on the review.
* **Messages the library may write for a seller**: a neutral review request, and problem-solving messages (refund
  issued, replacement shipped, a question about the problem) that never mention the review. Each passes
  :func:`reviewrules.check_message` in English, Spanish, German, French and Italian.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Literal

from .models import MessagePurpose, Review, SellerMessage
from .settings import Settings

__all__ = [
    "CONTACT_CUSTOMER_TEMPLATES",
    "TEXT_KINDS",
    "ContactCustomerOption",
    "TextKind",
    "compliant_message",
    "contact_customer_options",
    "message_text",
]

ContactTemplate = Literal["courtesy_refund", "customer_support"]
TextKind = Literal["review_request", "refund_issued", "replacement_shipped", "problem_question"]
TEXT_KINDS: tuple[TextKind, ...] = ("review_request", "refund_issued", "replacement_shipped", "problem_question")

#: Amazon's two fixed templates: what they do, in the library's words (Amazon's text is not reproduced).
CONTACT_CUSTOMER_TEMPLATES: Mapping[str, str] = MappingProxyType({
    "courtesy_refund": "Amazon emails the reviewer an offer of a full refund for the order. It is not conditioned on "
    "the review, and the seller must not follow it up with any request about the review.",
    "customer_support": "Amazon emails the reviewer, quoting the review, and asks permission for the seller to "
    "contact them through Buyer-Seller Messaging to resolve the problem.",
})


@dataclass(frozen=True, slots=True)
class ContactCustomerOption:
    """One of Amazon's Contact Customer templates, recommended to the seller, with its eligibility.

    ``eligible`` is True, False, or None when a fact needed to decide is unknown (``notes`` say which).
    """

    template: ContactTemplate
    description: str
    eligible: bool | None
    notes: tuple[str, ...]


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo is not None else value


def contact_customer_options(
    review: Review | None = None,
    *,
    rating: int | None = None,
    reviewed_at: datetime | None = None,
    marketplace: str | None = None,
    brand_registered: bool | None = None,
    seller_of_record: bool | None = None,
    settings: Settings | None = None,
    as_of: datetime | None = None,
    max_rating: int | None = None,
    window_days: int = 90,
) -> tuple[ContactCustomerOption, ...]:
    """Amazon's two Contact Customer options for a review, with their eligibility.

    Conditions (Amazon's Seller Central pages and practitioners' summaries): the seller is brand-registered and the
    seller of record for the order; the review is critical (rating at most ``max_rating``, default
    ``settings.negative_max_rating``, i.e. below four stars); the review is at most about ``window_days`` old; the
    tool is offered in the marketplace (``settings.contact_customer_marketplaces``: a setting, because Amazon
    changes it). Unknown facts make ``eligible`` None, never True.
    """
    s = settings or Settings()
    if review is not None:
        rating = review.rating if rating is None else rating
        reviewed_at = review.created_at if reviewed_at is None else reviewed_at
        marketplace = review.marketplace if marketplace is None else marketplace
    market = (marketplace or s.marketplace).upper()
    threshold = s.negative_max_rating if max_rating is None else max_rating
    now = as_of or s.as_of
    facts: list[tuple[bool | None, str]] = [
        (market in s.contact_customer_marketplaces, f"Contact Customer assumed available in {market}"
         if market in s.contact_customer_marketplaces else f"Contact Customer not assumed available in {market}"),
        (brand_registered, "brand-registered seller" if brand_registered else
         ("not brand-registered" if brand_registered is False else "brand registration unknown")),
        (seller_of_record, "seller of record for the order" if seller_of_record else
         ("not the seller of record" if seller_of_record is False else "seller of record unknown")),
    ]
    if rating is None:
        facts.append((None, "review rating unknown"))
    else:
        facts.append((rating <= threshold, f"{rating}-star review ({'critical' if rating <= threshold else 'not critical'}: "
                      f"at most {threshold} stars)"))
    if reviewed_at is None or now is None:
        facts.append((None, "review age unknown (needs the review date and Settings.as_of)"))
    else:
        age = (_naive_utc(now) - _naive_utc(reviewed_at)).days
        facts.append((0 <= age <= window_days, f"review is {age} days old (limit about {window_days})"))
    if any(ok is False for ok, _ in facts):
        eligible: bool | None = False
    elif any(ok is None for ok, _ in facts):
        eligible = None
    else:
        eligible = True
    notes = tuple(n for _, n in facts)
    return tuple(
        ContactCustomerOption(template=t, description=CONTACT_CUSTOMER_TEMPLATES[t], eligible=eligible, notes=notes)
        for t in ("courtesy_refund", "customer_support")
    )


# The texts the library may write. None mentions a review except the neutral review request, and the review
# request never offers anything or asks for a rating.
_TEXTS_SOURCE: dict[str, dict[TextKind, str]] = {
    "en": {
        "review_request": "Hello, thank you for your order {order}. Would you share your experience with this product "
        "in a review on Amazon? Every honest opinion helps other customers choose.",
        "refund_issued": "Hello, we are sorry about the problem with your order {order}. We have issued a full refund "
        "to your original payment method. You do not need to send the item back.",
        "replacement_shipped": "Hello, we are sorry about the problem with your order {order}. We have shipped a "
        "replacement at no cost to you. The tracking details are in Your Orders.",
        "problem_question": "Hello, we are sorry to hear that there was a problem with your order {order}. Could you "
        "tell us what happened, and send a photo in this message thread if possible, so that we can resolve it?",
    },
    "es": {
        "review_request": "Hola, gracias por su pedido {order}. ¿Podría compartir su experiencia con este producto en "
        "una reseña en Amazon? Cada opinión sincera ayuda a otros clientes a elegir.",
        "refund_issued": "Hola, lamentamos el problema con su pedido {order}. Hemos realizado el reembolso completo a "
        "su método de pago original. No es necesario que devuelva el artículo.",
        "replacement_shipped": "Hola, lamentamos el problema con su pedido {order}. Le hemos enviado un producto de "
        "sustitución sin coste para usted. Los datos de seguimiento están en Mis pedidos.",
        "problem_question": "Hola, lamentamos que haya tenido un problema con su pedido {order}. ¿Podría contarnos qué "
        "ha pasado y, si es posible, enviar una foto en esta conversación para que podamos resolverlo?",
    },
    "de": {
        "review_request": "Guten Tag, vielen Dank für Ihre Bestellung {order}. Würden Sie Ihre Erfahrungen mit diesem "
        "Produkt in einer Rezension auf Amazon teilen? Jede ehrliche Meinung hilft anderen Kunden bei der Wahl.",
        "refund_issued": "Guten Tag, es tut uns leid, dass es mit Ihrer Bestellung {order} ein Problem gab. Wir haben "
        "Ihnen den vollen Betrag über Ihre ursprüngliche Zahlungsart erstattet. Sie müssen den Artikel nicht "
        "zurücksenden.",
        "replacement_shipped": "Guten Tag, es tut uns leid, dass es mit Ihrer Bestellung {order} ein Problem gab. Wir "
        "haben Ihnen kostenlos einen Ersatzartikel geschickt. Die Sendungsverfolgung finden Sie in Ihren Bestellungen.",
        "problem_question": "Guten Tag, es tut uns leid, dass es mit Ihrer Bestellung {order} ein Problem gab. Können "
        "Sie uns beschreiben, was passiert ist, und wenn möglich ein Foto in dieser Nachricht senden, damit wir das "
        "Problem lösen können?",
    },
    "fr": {
        "review_request": "Bonjour, merci pour votre commande {order}. Pourriez-vous partager votre expérience avec ce "
        "produit dans un commentaire sur Amazon ? Chaque opinion sincère aide les autres clients à choisir.",
        "refund_issued": "Bonjour, nous sommes désolés du problème rencontré avec votre commande {order}. Nous avons "
        "effectué le remboursement intégral sur votre moyen de paiement initial. Vous n'avez pas besoin de "
        "renvoyer l'article.",
        "replacement_shipped": "Bonjour, nous sommes désolés du problème rencontré avec votre commande {order}. Nous "
        "vous avons envoyé un produit de remplacement, sans frais pour vous. Le suivi est disponible dans Vos "
        "commandes.",
        "problem_question": "Bonjour, nous sommes désolés d'apprendre que vous avez rencontré un problème avec votre "
        "commande {order}. Pourriez-vous nous décrire ce qui s'est passé et, si possible, envoyer une photo dans "
        "cette conversation afin que nous puissions le résoudre ?",
    },
    "it": {
        "review_request": "Buongiorno, grazie per il suo ordine {order}. Potrebbe condividere la sua esperienza con "
        "questo prodotto in una recensione su Amazon? Ogni opinione sincera aiuta gli altri clienti a scegliere.",
        "refund_issued": "Buongiorno, ci dispiace per il problema con il suo ordine {order}. Abbiamo effettuato il "
        "rimborso completo sul metodo di pagamento originale. Non è necessario restituire l'articolo.",
        "replacement_shipped": "Buongiorno, ci dispiace per il problema con il suo ordine {order}. Le abbiamo spedito "
        "un prodotto sostitutivo senza costi per lei. Trova il tracciamento nella sezione I miei ordini.",
        "problem_question": "Buongiorno, ci dispiace che ci sia stato un problema con il suo ordine {order}. Potrebbe "
        "descriverci cosa è successo e, se possibile, inviare una foto in questa conversazione, così da poterlo "
        "risolvere?",
    },
}


_TEXTS: Mapping[str, Mapping[TextKind, str]] = MappingProxyType(
    {lang: MappingProxyType(texts) for lang, texts in _TEXTS_SOURCE.items()}
)
del _TEXTS_SOURCE


def message_text(kind: TextKind, language: str = "en", order_id: str = "") -> str:
    """A compliant message body of ``kind`` in ``language`` (en, es, de, fr, it), with the order ID filled in."""
    lang = language.replace("-", "_").split("_")[0].lower()
    if lang not in _TEXTS:
        raise ValueError(f"no message texts for language {language!r}; available: {sorted(_TEXTS)}")
    if kind not in TEXT_KINDS:
        raise ValueError(f"unknown message kind {kind!r}; available: {list(TEXT_KINDS)}")
    return _TEXTS[lang][kind].format(order=order_id).replace("  ", " ").replace(" .", ".")


def compliant_message(
    kind: TextKind, language: str = "en", order_id: str | None = None, *, marketplace: str | None = None
) -> SellerMessage:
    """The message ready for :func:`reviewrules.check_message`: body, order ID, purpose and buyer language set."""
    purpose = MessagePurpose.review_request if kind == "review_request" else MessagePurpose.proactive
    return SellerMessage(
        body=message_text(kind, language, order_id or ""),
        order_id=order_id,
        purpose=purpose,
        buyer_language=language,
        marketplace=marketplace,
    )
