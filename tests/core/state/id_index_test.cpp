#include "core/state/id_index.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

using namespace recobra;

namespace {

// A list of ids and its index, kept side by side as State keeps them.
struct Indexed {
    explicit Indexed(char prefix = 0) : index(prefix) {}
    std::vector<std::string> ids;
    IdIndex index;

    std::optional<IdIndex::Position> find(std::string_view id) const {
        return index.find(id, [this](IdIndex::Position i) -> const std::string& { return ids[i]; });
    }
    void add(std::string id) {
        REQUIRE_FALSE(find(id));
        index.insert(id, static_cast<IdIndex::Position>(ids.size()));
        ids.push_back(std::move(id));
    }
};

} // namespace

TEST_CASE("an IdIndex finds every id it was given and none it was not, as a map would") {
    Indexed list;
    std::unordered_map<std::string, IdIndex::Position> expected;
    CHECK_FALSE(list.find("anything"));
    // Ids as the app makes them, short ones, ones sharing long prefixes, the empty id and bytes
    // beyond ASCII: 20,000 of them make the table grow eleven times.
    for (int i = 0; i < 20000; ++i) {
        std::string id = i % 4 == 0   ? "d-01929ea3fc" + std::to_string(i) + "005eed0000"
                         : i % 4 == 1 ? std::to_string(i)
                         : i % 4 == 2 ? std::string(40, 'x') + std::to_string(i)
                                      : "factura-ñ-" + std::to_string(i);
        expected.emplace(id, static_cast<IdIndex::Position>(list.ids.size()));
        list.add(std::move(id));
    }
    list.add("");
    expected.emplace("", static_cast<IdIndex::Position>(list.ids.size() - 1));
    REQUIRE(list.index.size() == expected.size());
    CHECK(list.index.capacity() >= list.index.size() * 4 / 3);
    for (const auto& entry : expected) {
        INFO(entry.first);
        CHECK(list.find(entry.first) == entry.second);
    }
    for (const char* absent : {"d-01929ea3fc4005eed000", "20000", "x", "factura-ñ-3 ", "D-01929EA3FC0005EED0000"})
        CHECK_FALSE(list.find(absent));
    std::vector<IdIndex::Position> all(list.ids.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<IdIndex::Position>(i);
    CHECK(list.index.positions() == all);
}

TEST_CASE("an IdIndex reserved ahead does not grow, and equals one built in another order") {
    std::vector<std::string> ids;
    for (int i = 0; i < 5000; ++i) ids.push_back("i-" + std::to_string(i * 7919));
    Indexed forward;
    forward.index.reserve(ids.size());
    const std::size_t reserved = forward.index.capacity();
    for (const auto& id : ids) forward.add(id);
    CHECK(forward.index.capacity() == reserved);

    // The same ids at the same positions, inserted backwards into an index grown step by step.
    Indexed backward;
    backward.ids = ids;
    for (std::size_t i = ids.size(); i-- > 0;) backward.index.insert(ids[i], static_cast<IdIndex::Position>(i));
    CHECK(backward.index == forward.index);
    for (const auto& id : ids) CHECK(backward.find(id) == forward.find(id));

    // One position fewer: not equal.
    Indexed fewer;
    fewer.ids = ids;
    for (std::size_t i = 1; i < ids.size(); ++i) fewer.index.insert(ids[i], static_cast<IdIndex::Position>(i));
    CHECK_FALSE(fewer.find(ids.front()));
    CHECK_FALSE(fewer.index == forward.index);
    CHECK(IdIndex().empty());
}

TEST_CASE("an IdIndex packs the app's ids and tells them from every other text") {
    // The app's ids for this list ("d-" and 24 lowercase hex digits) are packed; ids that only
    // look like them (another letter, uppercase, a digit more or less, not hex) are hashed and
    // must be neither confused with a packed one nor with each other.
    Indexed list('d');
    std::unordered_map<std::string, IdIndex::Position> expected;
    auto add = [&](std::string id) {
        expected.emplace(id, static_cast<IdIndex::Position>(list.ids.size()));
        list.add(std::move(id));
    };
    std::uint64_t x = 0x0192e703e3b80000ULL;
    for (int i = 0; i < 30000; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        char hex[32];
        std::snprintf(hex, sizeof hex, "%012llx%04x%08x", static_cast<unsigned long long>(x >> 16), i % 7,
                      static_cast<unsigned>(x & 0xffffffffU));
        const std::string digits = hex;
        add("d-" + digits);
        if (i % 100 == 0) {
            std::string upper = digits;
            for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (upper != digits) add("d-" + upper);
            add("i-" + digits);
            add("D-" + digits);
            add("d-" + digits + "0");
            add("d-" + digits.substr(1));
            add("d-" + digits + "-0");
            add("d_" + digits);
        }
    }
    add("d-0000000000000000000000zz");
    add("d-000000000000000000000000");
    add("d-ffffffffffffffffffffffff");
    REQUIRE(list.index.size() == expected.size());
    for (const auto& entry : expected) {
        INFO(entry.first);
        CHECK(list.find(entry.first) == entry.second);
    }
    for (const char* absent : {"d-000000000000000000000001", "d-fffffffffffffffffffffffe", "d-00000000000000000000000",
                               "d-0000000000000000000000000", "D-000000000000000000000000", "x-000000000000000000000000",
                               "d-00000000000000000000000g", "", "d-"})
        CHECK_FALSE(list.find(absent));
    // Packed ids are not read back through the list; the others are.
    list.ids.back() = "changed";
    CHECK(list.find("d-ffffffffffffffffffffffff") == static_cast<IdIndex::Position>(list.ids.size() - 1));
}

TEST_CASE("an IdIndex compares the ids it could not pack themselves, not only their hashes") {
    // Ids are read back through the list: an index whose list changed under it finds nothing
    // for the old id (a lookup is only as true as the id at the position it names).
    Indexed list;
    list.add("a");
    list.add("b");
    list.ids[0] = "z";
    CHECK_FALSE(list.find("a"));
    CHECK(list.find("b") == 1u);
}
