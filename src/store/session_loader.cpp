#include "store/session_loader.h"

#include "core/error.h"
#include "scheme/scheme_loader.h"

namespace attune {

std::shared_ptr<const Scheme> load_stored_scheme(Store& store, std::int64_t scheme_id) {
  SchemeRow row = store.scheme(scheme_id);
  SchemeLoadResult loaded = load_scheme_text(row.json, row.name + "@" + std::to_string(row.version));
  if (!loaded.ok())
    throw Error(ErrorKind::Storage, "stored scheme " + row.name + "@" + std::to_string(row.version) +
                                        " no longer loads: " + loaded.problems.front().to_string());
  return std::make_shared<const Scheme>(std::move(*loaded.scheme));
}

LoadedSession load_session(Store& store, SessionId id) {
  LoadedSession s;
  s.info = store.session(id);
  s.recording = store.recording(s.info.recording_id);
  s.scheme = load_stored_scheme(store, s.info.scheme_id);
  // The journal reads the events, so it knows the model is in step with what is stored.
  s.model = std::make_unique<SessionModel>(s.scheme, std::vector<Event>{}, s.recording.fps);
  s.model->set_duration(s.recording.duration);  // no event may be coded past the recording's end
  s.journal = store.journal(id);
  s.journal->refresh(*s.model);
  s.history = std::make_unique<History>(*s.model, *s.journal);
  return s;
}

}  // namespace attune
