#include "core/log/block_packer.hpp"

#include <utility>

namespace recobra {

bool BlockPacker::add(const EventId& id, std::size_t begin, std::size_t end) {
    if (broken_) return false;
    if ((count_ > 0 && !(last_ < id)) || begin < end_ || end <= begin) {
        broken_ = true;
        open_ = Block{};
        ready_.clear();
        return false;
    }
    if (open_.count == 0) {
        open_.first = id;
        open_.begin = begin;
    }
    open_.end = end;
    ++open_.count;
    ++count_;
    end_ = end;
    last_ = id;
    if (open_.end - open_.begin >= bytes_) {
        ready_.push_back(std::move(open_));
        open_ = Block{};
    }
    return true;
}

void BlockPacker::finish() {
    if (broken_ || open_.count == 0) return;
    ready_.push_back(std::move(open_));
    open_ = Block{};
}

BlockPacker::Block BlockPacker::take() {
    Block out = std::move(ready_.front());
    ready_.pop_front();
    return out;
}

} // namespace recobra
