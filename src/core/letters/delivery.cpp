#include "core/letters/delivery.hpp"

#include "core/model/tax_id.hpp"
#include "core/values/text.hpp"

#include <algorithm>
#include <cstdio>

namespace recobra {

namespace {

const Creditor& creditorOf(const State& state) {
    static const Creditor none;
    return state.letters.creditor ? *state.letters.creditor : none;
}

// Text with its line breaks kept, escaped.
std::string lines(std::string_view text) {
    std::string out;
    for (const char c : htmlEscape(text)) out += c == '\n' ? std::string("<br>") : std::string(1, c);
    return out;
}

std::string pageHead(Lang lang) {
    // No script and no external resource: the policy forbids both.
    return "<!DOCTYPE html>\n<html lang=\"" + std::string(langCode(lang)) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
           "<title>" +
           htmlEscape(tr(Str::letter_print_title, lang)) +
           "</title>\n<style>\n"
           "@page { size: A4; margin: 20mm 20mm 18mm 25mm; }\n"
           "body { font: 10.5pt/1.5 \"Helvetica Neue\", Helvetica, Arial, sans-serif; color: #111; margin: 0; }\n"
           "article { break-after: page; page-break-after: always; max-width: 165mm; margin: 0 auto; }\n"
           "article:last-child { break-after: auto; page-break-after: auto; }\n"
           "header { border-bottom: 1.5px solid #333; padding-bottom: 3mm; margin-bottom: 8mm; font-size: 9pt; }\n"
           "header strong { font-size: 13pt; display: block; }\n"
           ".to { margin: 0 0 8mm 85mm; min-height: 25mm; }\n"
           ".dated { text-align: right; margin-bottom: 6mm; } .ref { margin: 0; font-size: 9.5pt; }\n"
           ".subject { font-weight: 600; margin: 2mm 0 6mm; }\n"
           "table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }\n"
           "th, td { border-bottom: 1px solid #bbb; padding: 2px 4px; text-align: left; }\n"
           "th { border-bottom: 1.5px solid #555; } .n { text-align: right; white-space: nowrap; }\n"
           "tr { break-inside: avoid; } mark { background: #ffe08a; }\n"
           "</style>\n</head>\n<body>\n";
}

std::string article(const State& state, const Letter& l) {
    const Creditor& c = creditorOf(state);
    const Lang lang = l.lang;
    std::string h = "<article>\n<header><strong>" +
                    htmlEscape(c.tradeName.empty() ? c.legalName : c.tradeName) + "</strong>";
    if (!c.tradeName.empty()) h += htmlEscape(c.legalName) + " · ";
    h += htmlEscape(trf(Str::letter_tax_id, lang, {c.taxId})) + "<br>" + lines(c.address);
    std::string reach = c.email;
    if (!c.phone.empty()) reach += (reach.empty() ? "" : " · ") + c.phone;
    if (!reach.empty()) h += "<br>" + htmlEscape(reach);
    h += "</header>\n<div class=\"to\">" + htmlEscape(l.recipientName);
    if (!l.attention.empty() && l.attention != l.recipientName)
        h += "<br>" + htmlEscape(trf(Str::letter_attention, lang, {l.attention}));
    if (!l.recipientAddress.empty()) h += "<br>" + lines(l.recipientAddress);
    h += "</div>\n<p class=\"dated\">" +
         htmlEscape(c.place.empty() ? formatDate(l.today, lang)
                                    : trf(Str::letter_dated, lang, {c.place, formatDate(l.today, lang)})) +
         "</p>\n";
    if (!l.reference.empty()) h += "<p class=\"ref\">" + htmlEscape(trf(Str::letter_reference, lang, {l.reference})) + "</p>\n";
    if (!l.subject.empty())
        h += "<p class=\"subject\">" + htmlEscape(trf(Str::letter_subject, lang, {l.subject})) + "</p>\n";
    return h + l.html + "</article>\n";
}

// RFC 2047: a header value in UTF-8 as encoded words ("=?UTF-8?B?…?="), each at most 75
// characters, split between characters. Plain ASCII text without control characters is
// written as it is; control characters never reach a header.
std::string encodeBase64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto b = [&](std::size_t k) -> unsigned {
            return i + k < bytes.size() ? static_cast<unsigned char>(bytes[i + k]) : 0u;
        };
        const unsigned n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push_back(kAlphabet[(n >> 18) & 63]);
        out.push_back(kAlphabet[(n >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
        out.push_back(i + 2 < bytes.size() ? kAlphabet[n & 63] : '=');
    }
    return out;
}

std::string encodedWords(std::string_view text) {
    std::string clean;
    for (const char c : text) clean.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
    std::string out;
    std::size_t from = 0;
    while (from < clean.size()) {
        std::size_t to = std::min(clean.size(), from + 45); // 45 bytes → 60 characters of base64
        while (to < clean.size() && (static_cast<unsigned char>(clean[to]) & 0xC0) == 0x80) --to;
        out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + encodeBase64(clean.substr(from, to - from)) + "?=";
        from = to;
    }
    return out;
}

std::string headerText(std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7f;
    });
    return plain && text.find("=?") == std::string_view::npos ? std::string(text) : encodedWords(text);
}

// An address for a header: only what an email address may hold, else nothing.
std::string address(std::string_view email) {
    const std::string_view e = trim(email);
    const bool ok = !e.empty() && e.find('@') != std::string_view::npos &&
                    std::all_of(e.begin(), e.end(), [](char c) {
                        return c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != ',' && c != ';' && c != '"' &&
                               c != '(' && c != ')' && c != '\\';
                    });
    return ok ? std::string(e) : std::string();
}

// A display name is written as it is only when it is plain words; anything else (accents,
// "@", ":", quotes, line breaks) goes as an encoded word, which nothing can break out of.
std::string mailbox(std::string_view name, std::string_view email) {
    const std::string a = address(email);
    if (a.empty()) return {};
    name = trim(name);
    if (name.empty()) return a;
    const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
               c == '-';
    });
    return (plain ? std::string(name) : encodedWords(name)) + " <" + a + ">";
}

std::string rfc5322Date(Timestamp now) {
    static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const Date d = Date::ofTimestamp(now);
    const long long secs = (now - d.startOfDayUtc()) / 1000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02lld:%02lld:%02lld +0000", kDays[d.weekday() - 1], d.day(),
                  kMonths[d.month() - 1], d.year(), secs / 3600, secs / 60 % 60, secs % 60);
    return buf;
}

// RFC 3986 unreserved characters stay; every other byte is %XX (UTF-8 as it is).
std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string crlf(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') out += "\r\n";
        else if (c != '\r') out.push_back(c);
    }
    return out;
}

} // namespace

std::string letterPages(const State& state, const std::vector<Letter>& letters) {
    std::string out = pageHead(letters.empty() ? Lang::es : letters.front().lang);
    for (const auto& l : letters) out += article(state, l);
    return out + "</body>\n</html>\n";
}

std::string emlDraft(const State& state, const Letter& letter, Timestamp now) {
    const Creditor& c = creditorOf(state);
    std::string out;
    if (const auto from = mailbox(c.tradeName.empty() ? c.legalName : c.tradeName, c.email); !from.empty())
        out += "From: " + from + "\r\n";
    if (const auto to = mailbox(letter.attention.empty() ? letter.recipientName : letter.attention, letter.to);
        !to.empty())
        out += "To: " + to + "\r\n";
    out += "Subject: " + headerText(letter.subject) + "\r\n";
    out += "Date: " + rfc5322Date(now) + "\r\n";
    out += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"
           "X-Unsent: 1\r\n\r\n";
    const std::string body = encodeBase64(crlf(letter.text));
    for (std::size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
    return out;
}

MailtoLink mailtoLink(const Letter& letter) {
    MailtoLink link;
    link.url = "mailto:" + percentEncode(address(letter.to)) + "?subject=" + percentEncode(letter.subject) +
               "&body=" + percentEncode(crlf(letter.text));
    link.tooLong = link.url.size() > kMailtoMax;
    return link;
}

std::string letterFileName(const State& state, const Letter& letter, const char* extension) {
    std::string slug = slugOf(state.debtors[letter.debtor].profile.legalName, 40);
    if (slug.empty()) slug = letter.lang == Lang::es ? "deudor" : "debtor";
    return letter.today.iso() + "-" + letter.templateId + "-" + slug + "." + extension;
}

} // namespace recobra
