#pragma once
// Store-internal: the review workflow's refusal message, shared by store.cpp
// (set_session_status) and review.cpp (unlock, master, comments, exports).
#include "core/error.h"
#include "core/event.h"

namespace attune::store_detail {

// Error(Conflict) saying why `session` cannot go from `from` to `to` and what it can do.
Error status_change_refused(SessionId session, SessionStatus from, SessionStatus to);

}  // namespace attune::store_detail
