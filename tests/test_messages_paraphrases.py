"""Paraphrases and hard cases for the message checker, beyond RULES.md: word order, politeness, typos, line
breaks, homoglyphs, other languages, and compliant problem-solving messages that use the same words."""

from __future__ import annotations

import pytest

from reviewrules import Engine
from reviewrules.models import MessageStatus, SellerMessage

OID = "114-3941689-8772232"
ENGINE = Engine()

BENEFIT_FOR_REVIEW = [
    'We can refund the full amount. In return, would you mind giving your review a second look?',
    'Full refund on its way! If you could give us another chance on your review, that would be great.',
    "We'll send a new one free of charge. After that, we hope you might reconsider the feedback you left on the product page.",
    'Dear customer,\nWe have refunded your order.\n\nWe kindly ask you to remove the 1* review.',
    'Hi, refund done ✅ Could u delete ur 1star review pls',
    "As a gesture of goodwill we'd like to offer you a $20 Amazon gift card. We'd also be grateful if you updated your review.",
    "Is there any chance you could edit the rating? We'll reimburse you straight away.",
    'We would like to make this right: full refund and you can keep the item. Your review is hurting us, could you change it?',
    'Your money back, guaranteed, as soon as the negative review is gone.',
    "No need to return it - consider it a gift. We'd appreciate it if your 2-star rating could be revised.",
    'We will refund you via PayPal if you delete your Amazon review.',
    'Could you remove your review? We have already refunded you.',
    'Refund processed.\n\nReview: please remove.',
    "We've sent a replacement. Please update your feedback on the product to reflect the new unit.",
    'Le remboursement est fait. Merci de bien vouloir supprimer votre avis.',
    'Hemos enviado un reembolso. ¿Podría borrar su comentario negativo?',
    'Wir haben Ihnen das Geld zurückerstattet. Bitte löschen Sie Ihre negative Bewertung.',
    'Abbiamo inviato un rimborso. Potrebbe rimuovere la recensione negativa?',
    '返金いたしましたので、レビューの修正をお願いいたします。',
    "We'll give you 50% off your next purchase if you update your rating to 5 stars.",
    'Refunds are issued only after customers revise negative reviews.',
    'Once your 1-star review has been taken down, your refund will be released.',
    'We will replace it for free, provided the review is removed first.',
    'Could you change your review to 5 stars? We refunded the shipping.',
    'Rеmove your rеview and get a refund.',
]

PLAIN_REMEDY = [
    'We are sorry for the trouble. A full refund has been issued; you can keep the item.',
    'We reviewed the photos and will send a replacement at no cost.',
    'Please remove the old filter before installing the replacement we sent for free.',
    'We have changed our supplier after customer reviews mentioned the smell. Your refund is complete.',
    'Your refund was processed today. If you have questions about the refund, reply here.',
    'To get your refund, please return the item using the label in Your Orders. The refund will follow within 3 days.',
    'We updated our packaging and sent you a new unit free of charge.',
    'Could you tell us the serial number? Then we can send the replacement part.',
    'We will refund you in full once the return arrives at our warehouse.',
    'We are happy to replace the broken lid free of charge. Which colour would you like?',
    'Please update your delivery address in Your Account so the replacement reaches you.',
    "We'd like to refund the difference; please confirm the amount you were charged.",
    'Thank you for the photos. Our team will review them and issue the refund tomorrow.',
    'The refund is complete. Please delete the return label we emailed by mistake; it is no longer needed.',
    'We noticed the rating plate is missing from your heater; we are sending a replacement unit.',
    'Ihre Rückerstattung wurde veranlasst. Bitte entfernen Sie die Schutzfolie vor dem Gebrauch des Ersatzgeräts.',
    'Le remboursement a été effectué. Vous pouvez modifier votre adresse de livraison dans votre compte.',
    'Hemos enviado un reembolso. Puede cambiar el método de pago en su cuenta.',
    "Abbiamo effettuato il rimborso. Può modificare l'indirizzo di consegna nel suo account.",
    'Your replacement ships today. You can change the delivery date in Your Orders.',
    "Since the first unit was faulty, we'll send another for free and you don't have to return it.",
    'Sorry about the review you had to write; we have fixed the issue in our warehouse.',
]

OTHER_RULES = [
    ('allowed', 'Hello Maria, thank you for your order. Could you confirm the name to engrave on the watch?', {}),
    ('allowed', 'Hi, we need your phone number for the freight carrier to schedule delivery of the sofa. Please reply here.', {}),
    ('allowed', 'The carrier DHL will call you on 0800 123 4567 to book the delivery slot.', {'marketplace': 'UK'}),
    ('allowed', 'Your warranty is registered. For warranty claims call the manufacturer on +44 20 7946 0018.', {'marketplace': 'UK'}),
    ('allowed', 'Please find the invoice for your order attached.', {}),
    ('allowed', 'We are sorry your parcel is late. The carrier reports a new delivery date of Friday 12 June.', {}),
    ('allowed', 'Dear customer, the item you ordered is out of stock. Would you prefer a refund or to wait two weeks?', {}),
    ('allowed', 'We noticed your address is missing a flat number. Could you reply with it so the courier can deliver?', {}),
    ('allowed', 'Thanks for reaching out. The size chart is on the product page; the M fits chest 96-101 cm.', {'purpose': 'reply'}),
    ('allowed', 'Your return has been received and the refund of £24.99 has been issued.', {}),
    ('allowed', 'Would you share your experience with the kettle by writing a review on Amazon? It helps other customers.', {'purpose': 'review_request'}),
    ('allowed', "Hello, how are you finding your new blender? We'd be grateful if you took a moment to review it on Amazon.", {'purpose': 'review_request'}),
    ('allowed', 'Your custom poster is printed. Please confirm the delivery address before we ship it on Monday.', {}),
    ('allowed', 'We are sorry: the wrong colour was sent. A replacement in blue ships tomorrow, free of charge; please keep the red one.', {}),
    ('allowed', 'To activate the warranty, register the serial number printed on the box.', {}),
    ('allowed', 'The manual is attached as PDF. Page 4 explains how to change the filter.', {}),
    ('allowed', 'Thanks for your message. We checked and your order will arrive tomorrow between 9 and 12.', {'purpose': 'reply'}),
    ('allowed', 'Hello, we saw that the delivery failed. Please check the delivery instructions in Your Orders.', {}),
    ('allowed', 'Your order includes a free gift box as listed on the product page; it ships separately.', {}),
    ('allowed', 'Please do not use the charger until the replacement arrives; it may overheat.', {}),
    ('allowed', 'Bonjour, pourriez-vous nous envoyer une photo du produit endommagé afin que nous puissions vous aider ?', {'buyer_language': 'fr_FR'}),
    ('allowed', 'Hallo, könnten Sie uns ein Foto des beschädigten Artikels senden, damit wir Ihnen helfen können?', {'buyer_language': 'de_DE'}),
    ('blocked', 'Thanks for shopping with us! 😀', {}),
    ('blocked', 'Visit our website mybrand.com to register your product and get 10% off.', {}),
    ('blocked', "Hi! If you enjoy the knife, you might also like our new chef's knife set.", {}),
    ('blocked', 'Please contact us directly at +1 (415) 555-2671 for faster help.', {}),
    ('blocked', "If you're satisfied with your purchase, please leave us a review. If not, message us first and we'll make it right.", {}),
    ('blocked', 'Only happy customers should leave a review; otherwise contact us.', {}),
    ('blocked', 'Please rate us 5 stars if you are happy with the product.', {}),
    ('blocked', 'Before you review, please let us fix any problem – reply to this message first.', {}),
    ('blocked', 'If you leave a negative review, we will take legal action.', {}),
    ('blocked', 'Write a review and receive a free phone case!', {}),
    ('blocked', 'Get a $5 refund when you post a photo review.', {}),
]


@pytest.mark.parametrize("body", BENEFIT_FOR_REVIEW)
def test_benefit_for_review_paraphrases_blocked(body: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, purpose="reply"))
    assert r.status == MessageStatus.blocked, r.findings
    assert {"M-REVIEW-FOR-REFUND", "M-INCENTIVE-FOR-REVIEW"} & {f.rule for f in r.findings}


@pytest.mark.parametrize("body", PLAIN_REMEDY)
def test_plain_remedies_allowed(body: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, purpose="reply"))
    assert r.status == MessageStatus.allowed, r.findings


@pytest.mark.parametrize(("want", "body", "kw"), OTHER_RULES)
def test_other_rules_hard_cases(want: str, body: str, kw: dict[str, str]) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, **kw))  # type: ignore[arg-type]
    assert r.status.value == want, r.findings


MULTILINGUAL = [
    ('allowed', 'Si cambia de opinión, puede devolver el producto en un plazo de 30 días desde Mis pedidos.', 'es_ES'),
    ('allowed', 'Puede cambiar la dirección de entrega en su cuenta de Amazon. El reembolso ya está hecho.', 'es_ES'),
    ('allowed', 'Le hemos enviado un producto de sustitución gratis. ¿Podría confirmarnos la talla que necesita?', 'es_ES'),
    ('allowed', 'Sie können die Lieferadresse in Ihrem Konto ändern. Die Erstattung ist bereits erfolgt.', 'de_DE'),
    ('allowed', 'Wir haben Ihnen kostenlos ein Ersatzteil geschickt. Bitte entfernen Sie die alte Dichtung vor dem Einbau.', 'de_DE'),
    ('allowed', 'Vielen Dank für Ihre Bestellung. Bitte teilen Sie uns den gewünschten Gravurtext mit.', 'de_DE'),
    ('allowed', 'Vous pouvez modifier votre adresse de livraison dans votre compte. Le remboursement a été effectué.', 'fr_FR'),
    ('allowed', 'Le transporteur a laissé un avis de passage ; vous pouvez récupérer le colis au point relais.', 'fr_FR'),
    ('allowed', "Nous vous avons envoyé gratuitement une pièce de rechange. Merci de retirer l'ancien joint avant le montage.", 'fr_FR'),
    ('allowed', "Può modificare l'indirizzo di consegna nel suo account. Il rimborso è già stato effettuato.", 'it_IT'),
    ('allowed', 'Le abbiamo spedito gratuitamente un pezzo di ricambio. La preghiamo di rimuovere la vecchia guarnizione.', 'it_IT'),
    ('allowed', 'Grazie per il suo ordine. Potrebbe indicarci il testo da incidere?', 'it_IT'),
    ('blocked', 'Si elimina su comentario negativo, le reembolsamos el 100 %.', 'es_ES'),
    ('blocked', 'Wenn Sie Ihre 1-Sterne-Bewertung entfernen, erstatten wir Ihnen den Kaufpreis.', 'de_DE'),
    ('blocked', "Nous vous offrons un bon d'achat de 20 € si vous modifiez votre note.", 'fr_FR'),
    ('blocked', 'Le offriamo un buono di 20 € se cambia la sua valutazione a 5 stelle.', 'it_IT'),
    ('blocked', 'Hinterlassen Sie eine Bewertung und erhalten Sie 10 % Rabatt auf Ihre nächste Bestellung.', 'de_DE'),
    ('blocked', 'Deje una reseña de 5 estrellas y le enviamos un regalo.', 'es_ES'),
]


@pytest.mark.parametrize(("want", "body", "buyer_language"), MULTILINGUAL)
def test_multilingual_hard_cases(want: str, body: str, buyer_language: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, buyer_language=buyer_language))
    assert r.status.value == want, r.findings


MORE_BENEFIT_FOR_REVIEW = [
    "We have processed a full refund. We'd really appreciate if you could reflect this in your review.",
    "Your satisfaction matters! A replacement is on the way and we'd love it if you could give us a better rating.",
    'Would a full refund change your mind about the review?',
    'Refund approved. P.S. Reviews can be edited anytime from your profile page.',
    'If we refund you, would you be willing to adjust your star rating?',
    'We can do a partial refund of 30% if you agree to modify your comments on Amazon.',
    'Please delete your review. In exchange we will refund your purchase.',
    'Dear Sir, kindly remove the bad review, and we will compensate you with a new product.',
    'FULL REFUND IF YOU REMOVE THE 1 STAR REVIEW',
    'To receive your refund, the review must first be removed.',
    'Happy to help with a refund :) Would you mind taking another look at your rating after that?',
    'Could you update your review after we send the replacement? Thanks!',
    "If you change your review to positive, we'll give you a discount code for 50% off.",
    "We'll send you two extra filters for free if you edit your review.",
    'Keep the item and we refund you. Just edit the rating please.',
]

MORE_PLAIN_REMEDY = [
    'We have processed a full refund. Please let us know if the refund has not arrived within 5 days.',
    'Would a replacement or a refund work better for you?',
    'We reviewed your case and approved a full refund.',
    'If we refund you, would you still like the spare part we promised?',
    'We can do a partial refund of 30% for the missing accessories.',
    'Please delete the confirmation email we sent by mistake. Your refund is unaffected.',
    'Kindly remove the batteries before returning the item for a refund.',
    'Your refund will be issued as soon as the return is scanned by the carrier.',
    "We'll send you two extra filters for free because the first ones were damaged.",
]


@pytest.mark.parametrize("body", MORE_BENEFIT_FOR_REVIEW)
def test_more_benefit_for_review_blocked(body: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, purpose="reply"))
    assert r.status == MessageStatus.blocked, r.findings


@pytest.mark.parametrize("body", MORE_PLAIN_REMEDY)
def test_more_plain_remedies_allowed(body: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, purpose="reply"))
    assert r.status == MessageStatus.allowed, r.findings


def test_thanks_for_review_with_refund_is_a_hold_not_an_incentive() -> None:
    body = "Thanks for your honest review; we have already issued your refund and improved the packaging."
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, purpose="reply"))
    assert r.status == MessageStatus.review
    assert {f.rule for f in r.findings} == {"M-REVIEW-FOR-REFUND"}


MULTILINGUAL_MORE = [
    ('blocked', 'Sobald die Bewertung gelöscht ist, erhalten Sie die volle Rückerstattung.', 'de_DE'),
    ('blocked', 'Wir würden Ihnen gerne einen Gutschein über 20 Euro schenken, wenn Sie Ihre Rezension anpassen.', 'de_DE'),
    ('blocked', 'Sie bekommen ein neues Gerät gratis. Im Gegenzug bitten wir Sie, Ihre Bewertung zu überarbeiten.', 'de_DE'),
    ('blocked', 'Könnten Sie Ihre negative Bewertung zurückziehen? Dafür erstatten wir Ihnen 50 %.', 'de_DE'),
    ('blocked', 'Une fois votre avis supprimé, nous procéderons au remboursement.', 'fr_FR'),
    ('blocked', 'Nous vous enverrons un nouveau produit gratuitement si vous acceptez de changer votre note.', 'fr_FR'),
    ('blocked', "En échange d'un remboursement complet, pourriez-vous retirer votre commentaire ?", 'fr_FR'),
    ('blocked', 'Una vez eliminada la reseña, le devolveremos el dinero.', 'es_ES'),
    ('blocked', 'Le regalamos un cupón de 20 euros si actualiza su valoración.', 'es_ES'),
    ('blocked', '¿Podría modificar su reseña? A cambio le enviamos un producto nuevo gratis.', 'es_ES'),
    ('blocked', 'Appena la recensione sarà rimossa, riceverà il rimborso completo.', 'it_IT'),
    ('blocked', 'Le mandiamo un prodotto nuovo in omaggio se aggiorna la sua recensione.', 'it_IT'),
    ('blocked', 'In cambio di un rimborso, potrebbe cancellare la sua recensione?', 'it_IT'),
    ('blocked', '評価を変更していただけましたら、クーポンを差し上げます。', 'ja_JP'),
    ('allowed', 'Sobald die Rücksendung bei uns eingeht, erhalten Sie die volle Rückerstattung.', 'de_DE'),
    ('allowed', 'Wir haben Ihnen ein neues Gerät gratis geschickt. Bitte entfernen Sie die Transportsicherung vor dem ersten Gebrauch.', 'de_DE'),
    ('allowed', 'Une fois le colis retourné, nous procéderons au remboursement.', 'fr_FR'),
    ('allowed', 'Nous vous enverrons un nouveau produit gratuitement. Pourriez-vous nous confirmer votre adresse ?', 'fr_FR'),
    ('allowed', 'Una vez recibida la devolución, le devolveremos el dinero.', 'es_ES'),
    ('allowed', 'Le enviamos un producto nuevo gratis. ¿Podría confirmar su dirección?', 'es_ES'),
    ('allowed', 'Appena il reso sarà ricevuto, riceverà il rimborso completo.', 'it_IT'),
    ('allowed', "Le mandiamo un prodotto nuovo in omaggio. Può confermare l'indirizzo?", 'it_IT'),
    ('allowed', 'ご不便をおかけし申し訳ございません。交換品を発送いたしました。', 'ja_JP'),
]


@pytest.mark.parametrize(("want", "body", "buyer_language"), MULTILINGUAL_MORE)
def test_multilingual_more(want: str, body: str, buyer_language: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID, buyer_language=buyer_language, purpose="reply"))
    assert r.status.value == want, r.findings


NONESSENTIAL_AND_MARKETING = [
    ('blocked', 'Hi John, just a quick note to say thanks for choosing us. Have a great day!'),
    ('blocked', 'Good news! Your order has been dispatched and is on its way to you.'),
    ('blocked', 'Thank you so much for your purchase. We hope you enjoy it!'),
    ('blocked', 'Hello, we just wanted to let you know that we are here if you need anything. Best regards'),
    ('allowed', 'Thank you for your order. The sofa will be delivered by a two-person team; please reply with a suitable day.'),
    ('allowed', 'Thanks for your purchase. The item is made to order and will ship in 10 days; we will message you if anything changes.'),
    ('allowed', 'Hello, your order contains a lithium battery. Please charge it fully before first use.'),
    ('allowed', 'Thank you for your order! To personalise the mug, please reply with the name to print.'),
    ('blocked', 'Thanks for your order! Follow us on Instagram for more tips.'),
    ('blocked', 'Your order has shipped! Use code SPRING15 for 15% off your next purchase.'),
    ('allowed', 'We are sorry your parcel was delayed by the carrier; it should now arrive on Thursday.'),
]


@pytest.mark.parametrize(("want", "body"), NONESSENTIAL_AND_MARKETING)
def test_nonessential_and_marketing(want: str, body: str) -> None:
    r = ENGINE.check_message(SellerMessage(body=body, order_id=OID))
    assert r.status.value == want, r.findings
