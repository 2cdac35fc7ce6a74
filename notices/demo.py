"""Demo notices: complete texts for the privacy notice, cookies, accessibility statement, legal notice
and contact page, seeded once under the home page (administrators edit them afterwards in Wagtail).
Retention periods are read from the settings that enforce them, so the seeded text states what the
code does."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from wagtail.models import Page
from wagtail.rich_text import RichText

from core.models import HomePage

from .models import ContactPage, NoticeKind, NoticePage

REVIEWED = datetime.date(2026, 12, 2)
PUBLISHER = "Integration Network secretariat, hosted by the City of Ghent, Botermarkt 1, 9000 Ghent, Belgium"


def _h(text: str) -> tuple[str, dict[str, str]]:
    return ("heading", {"text": text, "level": "h2"})


def _p(html: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(html))


def _retention() -> dict[str, Any]:
    from events.actions import retention_months
    from events.actions_after import certificate_retention_years

    return {
        "registration_months": retention_months(),
        "certificate_years": certificate_retention_years(),
        "confirmation_hours": settings.EVENT_CONFIRMATION_HOURS,
        "email_attempts": settings.EMAIL_MAX_ATTEMPTS,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "newsletter_confirmation_days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        "newsletter_unsubscribed_days": settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS,
    }


def privacy_body(contact: str) -> list:
    r = _retention()
    return [
        _h("Who is responsible"),
        _p(
            f"<p>The controller of the personal data this site keeps is the {PUBLISHER}. You can reach the "
            f'secretariat and its data protection officer at <a href="mailto:{contact}">{contact}</a> or '
            "through the contact page. We process personal data under the General Data Protection "
            "Regulation (EU) 2016/679 (GDPR).</p>"
        ),
        _h("What we keep, why, on which legal basis and for how long"),
        _p(
            "<ul>"
            "<li><b>Event registrations</b>: name, email address, organisation, role, and the accessibility "
            "and dietary needs you choose to tell the organisers. Why: to hold your place, send the "
            "confirmation, reminder and practical messages, and let the hosting member's organisers prepare. "
            "Legal basis: your consent, given on the form (Art. 6(1)(a) GDPR; Art. 9(2)(a) for needs that "
            "reveal health data). How long: an unconfirmed registration is released after "
            f"{r['confirmation_hours']} hours; the personal data of every registration is anonymised "
            f"{r['registration_months']} months after the event ends (the count of participants stays). "
            "You can erase yours earlier with the link in your confirmation email. The same applies to "
            "the answers to an event's own registration questions, to the capacity you take part in "
            "(used only for counting training days by group), and to invitations: the address an "
            "organiser invited is deleted with the event's registrations, or with yours if you erase it.</li>"
            "<li><b>Feedback on events</b>: your scores, what you will apply and your comments are stored "
            "without your name, email or registration, dated by day only, so nobody can tell who wrote "
            "them; the organisers see only the combined results. Legal basis: your consent, by answering "
            "(Art. 6(1)(a)). How long: as long as the event's page exists, as anonymous statistics.</li>"
            "<li><b>Certificates of attendance</b>: your name, the event, its dates and duration, how you "
            "took part, the organiser and a verification code. Why: so that you can prove your training "
            "to an employer, and anyone holding the code can check it on this site (the check shows only "
            "what the certificate says). Legal basis: your request, by attending and downloading it "
            "(Art. 6(1)(b)). How long: a certificate is a record of its own, kept "
            f"{r['certificate_years']} years after it was issued, even after the registration is "
            "anonymised, then deleted; ask us, or delete your account, to delete it earlier.</li>"
            "<li><b>Newsletter subscriptions</b>: your email address, the priorities, themes and language "
            "you chose, and when you subscribed, confirmed and last received a digest. Why: to send you the "
            "digest you asked for. Legal basis: your consent, confirmed by the link we email you "
            "(Art. 6(1)(a)). How long: a request you do not confirm is deleted after "
            f"{r['newsletter_confirmation_days']} days; after you unsubscribe (one click, in every digest) "
            f"the address is deleted within {r['newsletter_unsubscribed_days']} days. The preferences page "
            "linked from every digest deletes it at once.</li>"
            "<li><b>Applications to join the network</b>: the organisation's details and its contact "
            "person's name, email address and role, and the motivation. Why: to review the application and "
            "answer it. Legal basis: consent (Art. 6(1)(a)) and steps before an agreement with the member "
            "(Art. 6(1)(b)). How long: while the application is reviewed and, once accepted, while the "
            "organisation is a member; ask us and we delete a refused application.</li>"
            "<li><b>Members' contact officers</b> shown on practices and member profiles: name, role, email "
            "and telephone, published by their member so others can ask about a practice. Legal basis: the "
            "network's legitimate interest in putting officers in touch (Art. 6(1)(f)). How long: until "
            "their member removes them. They are never part of the open data, feeds or API.</li>"
            "<li><b>Accounts of members' staff</b> (editors, organisers, member administrators, "
            "moderators): name, email address, a hashed password, the roles held, the time of the last "
            "sign-in (shown to the member's administrators on its team page), the interface language and "
            "the notification choices. A trail of role changes records who granted or revoked which role "
            "and when, with the user names. An invitation keeps the invited email address and role until "
            "it is accepted or expires. Why: to sign in, publish and know who has access. Legal basis: the "
            "agreement with the member (Art. 6(1)(b)); the trail, the network's legitimate interest in "
            "knowing who could publish (Art. 6(1)(f)). How long: while the account exists; the trail as "
            "long as the member's record. On My account you can download all of it as JSON and delete "
            "your account; the page lists what happens to your content first.</li>"
            "<li><b>Two-factor sign-in</b>, if you turn it on (required for administrators and "
            "moderators): the secret your authenticator app shares with the site, your unused recovery "
            "codes, and for security keys or passkeys their public key and name (never your fingerprint "
            "or PIN, which stay on your device). Why: to check your second factor. Legal basis: the "
            "network's legitimate interest in keeping accounts that can publish safe (Art. 6(1)(f)). How "
            "long: until you remove the device, an administrator resets it, or the account is deleted. "
            "The download lists your devices, not their secrets.</li>"
            "<li><b>Technical assistance requests, invitations, expressions of interest and transfer "
            "projects</b>: what an officer writes and who wrote it. Legal basis: the agreement with the "
            "member (Art. 6(1)(b)). How long: while the member's account exists, as the record of the "
            "network's cooperation, which the AMIF grant requires us to keep for audit.</li>"
            "<li><b>Newsletter subscriptions</b>: your email address, the priorities, themes and language "
            "you chose, and when the last digest was sent. Why: to send the digest you asked for. Legal "
            "basis: your consent, confirmed by the link we email (Art. 6(1)(a)). How long: a request not "
            f"confirmed within {getattr(settings, 'NEWSLETTER_CONFIRMATION_DAYS', 7)} days is deleted; "
            "after you unsubscribe the address is deleted within "
            f"{getattr(settings, 'NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS', 30)} days, or at once from your "
            "preferences page.</li>"
            "<li><b>Messages sent through the contact form</b>: your name, email address and message are "
            "emailed to the secretariat and not stored on the site. Legal basis: your request "
            "(Art. 6(1)(b)). How long: in the secretariat's mailbox while the exchange lasts.</li>"
            "<li><b>Emails waiting to be delivered</b>: an email the mail server refused is kept with its "
            f"content and retried up to {r['email_attempts']} times; after that administrators see it and "
            "delete it once handled.</li>"
            "<li><b>Sign-in attempts</b>: the username, the connection's IP address and the time of every "
            "failed sign-in, to stop password guessing (legitimate interest, Art. 6(1)(f)). Sign-in pauses "
            f"for {r['lockout_minutes']} minutes after repeated failures; the records are deleted by the "
            "administrators' regular clean-up.</li>"
            "</ul>"
        ),
        _p(
            "<p>We do not sell personal data, do not profile visitors, and do not use analytics, "
            "advertising or social-media trackers. Nothing is loaded from other sites. Personal data is "
            "stored in the European Union and shared only with the hosting member's organisers (for events) "
            "and with the network's administrators.</p>"
        ),
        _h("Your rights"),
        _p(
            "<p>You may ask to see the personal data we hold about you, to correct it, to erase it, to "
            "restrict or object to its processing, and to receive it in a portable format (Articles 15 to "
            "21 GDPR). Where we rely on your consent you may withdraw it at any time, without affecting "
            "what was done before. Write to the secretariat; we answer within one month. You may also "
            "complain to a data protection authority, in Belgium the Gegevensbeschermingsautoriteit / "
            "Autorité de protection des données (www.dataprotectionauthority.be), or the authority of the "
            "country where you live or work.</p>"
        ),
    ]


def cookies_body() -> list:
    r = _retention()
    return [
        _p(
            "<p>This site sets only the cookies it needs to work, so it asks for no consent (Article 5(3) "
            "of the ePrivacy Directive 2002/58/EC): no analytics, advertising or tracking cookies, and no "
            "cookies from other sites.</p>"
        ),
        _p(
            "<ul>"
            "<li><b>csrftoken</b>: protects forms against submission from other sites. Set when you open a "
            "form; kept for one year; contains a random value only.</li>"
            f"<li><b>sessionid</b>: keeps you signed in. Set only when you sign in; kept for "
            f"{r['session_days']} days or until you sign out.</li>"
            "<li><b>django_language</b>: remembers the interface language you choose with the language "
            "switcher. Set only when you choose one; kept for the browser session.</li>"
            "</ul>"
        ),
        _p(
            "<p>You can delete these cookies in your browser at any time; the site still works for "
            "reading.</p>"
        ),
    ]


def accessibility_body(contact: str) -> list:
    return [
        _p(
            f"<p>The {PUBLISHER} is committed to making its website accessible, in accordance with "
            "Directive (EU) 2016/2102 of the European Parliament and of the Council on the accessibility of "
            "the websites and mobile applications of public sector bodies. This accessibility statement "
            "applies to this website, the network's public site (not to the editing interface used by "
            "members' staff).</p>"
        ),
        _h("Compliance status"),
        _p(
            "<p>This website is <b>partially compliant</b> with the harmonised standard EN 301 549 V3.2.1, "
            "which refers to the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, due to the "
            "non-compliances listed below.</p>"
            "<p>Measured on every public page type (home, practice listing with filters, practice, success "
            "stories, priority, event listing, calendar, event, member directory, member profile, search "
            "results, the join form and these notices) in Chromium at 1366, 390 and 320 pixels wide: no "
            "violation of the automated WCAG 2.1 A and AA rules of axe-core, no page scrolling sideways at "
            "320 pixels, every function reachable by keyboard, filters that apply only with their button, "
            "and form errors that take focus and link to their fields; every page type is valid HTML by the "
            "Nu Html Checker. Automated rules cover only part of the success criteria, and the others have "
            "not yet been audited by hand: that is why the status is partial.</p>"
        ),
        _h("Non-accessible content"),
        _p(
            "<p>The content listed below is non-accessible for the following reasons:</p>"
            "<ul>"
            "<li>Non-compliance with the Directive: documents (mostly PDF) that members attach to practices "
            "have not all been checked; some may lack tags, headings or text alternatives (WCAG 1.1.1, "
            "1.3.1, 2.4.2). Ask us for an accessible version of any document and we provide it within ten "
            "working days.</li>"
            "<li>Non-compliance with the Directive: practices are written by members in their own language; "
            "a practice not yet translated is shown in its original language. Its language is marked so "
            "that screen readers pronounce it correctly, but its text may be unfamiliar to you.</li>"
            "<li>Disproportionate burden: none claimed.</li>"
            "<li>Outside the scope of the Directive: files published before 23 September 2018 and "
            "third-party content the network neither funds nor controls.</li>"
            "</ul>"
        ),
        _h("Preparation of this accessibility statement"),
        _p(
            "<p>This statement was prepared on 2 December 2026. The method used to prepare it is a "
            "self-assessment by the network's developers: automated tests (axe-core, run in Chromium on "
            "every public page type at desktop and mobile widths, in English and German, on each change of "
            "the software; keyboard journeys through the filters, forms and navigation; HTML validation with "
            "the Nu Html Checker). No manual audit with assistive technologies has been made yet. "
            "The statement was last reviewed on 2 December 2026.</p>"
        ),
        _h("Feedback and contact information"),
        _p(
            "<p>If you find content you cannot use, or want information in another format, tell us through "
            f'the contact page or at <a href="mailto:{contact}">{contact}</a>. Say which page and what '
            "went wrong; we answer within ten working days.</p>"
        ),
        _h("Enforcement procedure"),
        _p(
            "<p>If our answer to your notification or request is unsatisfactory, you can turn to the body "
            "that enforces the Directive where the site's publisher is established: for the City of Ghent, "
            "the Flemish Ombudsman (Vlaamse Ombudsdienst, Leuvenseweg 86, 1000 Brussels, "
            "www.vlaamseombudsdienst.be), who handles complaints about the accessibility of Flemish public "
            "sector websites.</p>"
        ),
    ]


def legal_body(contact: str) -> list:
    return [
        _h("Publisher"),
        _p(
            f"<p>{PUBLISHER}, on behalf of the network's member authorities. "
            f'Email: <a href="mailto:{contact}">{contact}</a>.</p>'
        ),
        _h("Responsible for the content"),
        _p(
            "<p>The network coordinator, head of the secretariat, is responsible for the site as a whole. "
            "Each practice, event and member profile is written and published by the member named on it, "
            "which is responsible for its content; the network's moderators review practices and events "
            "before publication.</p>"
        ),
        _h("Hosting"),
        _p(
            "<p>The site runs on servers in the European Union operated for the City of Ghent by its IT "
            "partner Digipolis Gent. No content is loaded from other sites.</p>"
        ),
        _h("Funding"),
        _p(
            "<p>The network is co-funded by the European Union's Asylum, Migration and Integration Fund "
            "(AMIF). Views and opinions expressed are however those of the authors only and do not "
            "necessarily reflect those of the European Union or the European Commission. Neither the "
            "European Union nor the granting authority can be held responsible for them.</p>"
        ),
        _h("Re-use of content"),
        _p(
            "<p>Each practice carries the licence its member chose (by default CC BY 4.0), shown on the "
            "page and in the open data. The EU emblem belongs to the European Union and is used under the "
            "rules for its use by beneficiaries of EU funding.</p>"
        ),
    ]


def contact_body(contact: str) -> list:
    return [
        _p(
            f'<p>{PUBLISHER}.<br>Email: <a href="mailto:{contact}">{contact}</a></p>'
            "<p>Members with a question about a particular practice can also write to the contact officer "
            "named on it.</p>"
        ),
    ]


def demo_notices(contact: str) -> list[tuple[type[Page], dict[str, Any]]]:
    return [
        (
            NoticePage,
            {
                "kind": NoticeKind.PRIVACY,
                "title": "Privacy notice",
                "slug": "privacy",
                "introduction": "What personal data this site keeps, why, for how long, and your rights.",
                "body": privacy_body(contact),
            },
        ),
        (
            NoticePage,
            {
                "kind": NoticeKind.COOKIES,
                "title": "Cookies",
                "slug": "cookies",
                "introduction": "Only the cookies the site needs to work: no tracking.",
                "body": cookies_body(),
            },
        ),
        (
            NoticePage,
            {
                "kind": NoticeKind.ACCESSIBILITY,
                "title": "Accessibility statement",
                "slug": "accessibility",
                "introduction": "How accessible this site is, what is not yet, and how to tell us.",
                "body": accessibility_body(contact),
            },
        ),
        (
            NoticePage,
            {
                "kind": NoticeKind.LEGAL,
                "title": "Legal notice",
                "slug": "legal-notice",
                "introduction": "Who publishes this site, who hosts it and who funds the network.",
                "body": legal_body(contact),
            },
        ),
        (
            ContactPage,
            {
                "kind": NoticeKind.CONTACT,
                "title": "Contact",
                "slug": "contact",
                "introduction": "Write to the network's secretariat: we answer within five working days.",
                "body": contact_body(contact),
            },
        ),
    ]


def load_demo_notices(stdout: Any) -> None:
    """Create each missing notice under the home page, published; existing ones are left as edited."""
    from core.models import NetworkSettings

    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        stdout.write("Notices: no home page, skipped.")
        return
    network = NetworkSettings.load()
    if not network.contact_email:
        network.contact_email = "secretariat@network.example.org"
        network.save()
    created = 0
    with transaction.atomic():
        for model, fields in demo_notices(network.contact_email):
            if home.get_children().filter(slug=fields["slug"]).exists():
                continue
            page = model(**fields, last_reviewed=REVIEWED, locale=home.locale)
            home.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    stdout.write(f"Notices: {created} created, {5 - created} already there.")
