#pragma once
// The example data a newcomer loads in one click: about forty debtors with realistic
// Spanish names, amounts and histories, every stage of a case represented on `today`, on the
// devices example data is recognised by (kDemoDevice), so it can be removed again.
#include "core/model/events.hpp"

#include <vector>

namespace recobra {

std::vector<Event> demoDataset(Date today);

} // namespace recobra
