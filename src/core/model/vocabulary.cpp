#include "core/model/vocabulary.hpp"

namespace recobra {

bool isClosed(Stage stage) {
    return stage == Stage::ClosedPaid || stage == Stage::ClosedSettled || stage == Stage::ClosedWrittenOff ||
           stage == Stage::ClosedPrescribed;
}

} // namespace recobra
