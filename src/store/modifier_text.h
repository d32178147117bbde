#pragma once
// The text of the events.modifiers column: a JSON object of strings, as the store writes it
// with dump_text(json(values)): {"channel":"vocal","mind":"appropriate"} (keys in order, no
// spaces), "{}" for none.
#include <string_view>

#include "core/event.h"

namespace attune::store_detail {

// Reading events spends much of its time here, so the compact form above, with plain ASCII
// and no escapes, is decoded directly. Any other text (escapes, non-ASCII, spaces, a repeated
// key, something malformed) goes to nlohmann::json, which decides as it always did: the same
// values, or nlohmann::json::exception for text that is not an object of strings (the store's
// guarded() turns that into Error(Storage)). Never reads outside `text`.
ModifierValues modifiers_from_text(std::string_view text);

}  // namespace attune::store_detail
