#pragma once
// The creditor: the business that is owed, as its letters present it (docs/letters.md). Its
// letterhead, who signs, where letters are dated from and how to pay it. Recorded whole by
// creditor.updated, so a team shares one; the latest stands.
#include "core/model/field.hpp"

#include <string>

namespace recobra {

struct Creditor {
    std::string address;      // street, postal code and town, country: as printed, lines and all
    std::string email;
    std::string iban;         // normalized: upper case, no blanks; checked with its control digits
    std::string legalName;
    std::string paymentOther; // other ways to pay: Bizum, a card link…
    std::string phone;
    std::string place;        // the town letters are dated from ("Valencia")
    std::string signerName;
    std::string signerRole;
    std::string taxId;        // normalized as a debtor's
    std::string tradeName;

    template <class V> void visit(V& v) {
        v("address", address, Opt);
        v("email", email, Opt);
        v("iban", iban, Opt);
        v("legalName", legalName, Opt);
        v("paymentOther", paymentOther, Opt);
        v("phone", phone, Opt);
        v("place", place, Opt);
        v("signerName", signerName, Opt);
        v("signerRole", signerRole, Opt);
        v("taxId", taxId, Opt);
        v("tradeName", tradeName, Opt);
    }
    friend bool operator==(const Creditor&, const Creditor&) = default;
};

} // namespace recobra
