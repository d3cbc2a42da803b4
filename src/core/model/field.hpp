#pragma once
// How a payload field is declared in visit(): required (the default) or optional. An
// optional field may be absent from JSON (it keeps its default) and is not written when it
// holds its default, so the JSON stays small and byte-identical for identical data.
namespace recobra {

enum class Presence { Required, Optional };
inline constexpr Presence Req = Presence::Required;
inline constexpr Presence Opt = Presence::Optional;

} // namespace recobra
