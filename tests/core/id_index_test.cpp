#include "core/id_index.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

using namespace recobra;

namespace {

// A list of ids and its index, kept side by side as State keeps them.
struct Indexed {
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

TEST_CASE("an IdIndex compares the ids themselves, not only their hashes") {
    // Ids are read back through the list: an index whose list changed under it finds nothing
    // for the old id (a lookup is only as true as the id at the position it names).
    Indexed list;
    list.add("a");
    list.add("b");
    list.ids[0] = "z";
    CHECK_FALSE(list.find("a"));
    CHECK(list.find("b") == 1u);
}
