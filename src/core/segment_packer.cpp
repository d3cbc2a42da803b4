#include "segment_packer.hpp"

#include <utility>

namespace recobra {

bool SegmentPacker::add(const EventId& id, std::string_view json) {
    if (broken_) return false;
    if (count_ > 0 && !(last_ < id)) {
        broken_ = true;
        open_ = Segment{};
        ready_.clear();
        return false;
    }
    if (open_.count == 0) {
        open_.first = id;
        open_.text.reserve(bytes_ + json.size() + 1);
    }
    open_.text.append(json);
    open_.text.push_back('\n');
    ++open_.count;
    ++count_;
    last_ = id;
    if (open_.text.size() >= bytes_) {
        ready_.push_back(std::move(open_));
        open_ = Segment{};
    }
    return true;
}

void SegmentPacker::finish() {
    if (broken_ || open_.count == 0) return;
    ready_.push_back(std::move(open_));
    open_ = Segment{};
}

SegmentPacker::Segment SegmentPacker::take() {
    Segment out = std::move(ready_.front());
    ready_.pop_front();
    return out;
}

} // namespace recobra
