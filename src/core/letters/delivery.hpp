#pragma once
// How a written letter (letter.hpp) leaves Recobra (docs/letters.md): a print-ready A4 page
// (one page per letter, letterhead, place and date, the recipient's address block, the
// reference, the body and its tables), a .eml draft any mail client opens (RFC 5322, UTF-8),
// or a mailto: link. Every value in the page is HTML-escaped and the page loads nothing
// (its Content-Security-Policy forbids it); no header of the draft can be split by a name.
#include "core/letters/letter.hpp"

#include <string>
#include <vector>

namespace recobra {

// The letters as one HTML document to print (the browser's print, or "save as PDF"): each
// letter on its own A4 sheet, in its own language.
std::string letterPages(const State& state, const std::vector<Letter>& letters);

// A draft email: From the creditor, To the debtor's email, the subject and the text, dated
// `now` (UTC); X-Unsent makes Outlook open it as a draft to send.
std::string emlDraft(const State& state, const Letter& letter, Timestamp now);

// "mailto:ana@example.com?subject=…&body=…" (RFC 6068: UTF-8, percent-encoded, CRLF line
// breaks). Some mail clients and browsers cut links longer than kMailtoMax characters:
// `tooLong` says to offer the .eml draft instead.
inline constexpr std::size_t kMailtoMax = 2000;
struct MailtoLink {
    std::string url;
    bool tooLong = false;
};
MailtoLink mailtoLink(const Letter& letter);

// "2026-03-10-friendly_reminder-graficas-pena.eml": a plain file name for the letter.
std::string letterFileName(const State& state, const Letter& letter, const char* extension);

} // namespace recobra
