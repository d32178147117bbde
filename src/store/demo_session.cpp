#include "store/demo_session.h"

#include <nlohmann/json.hpp>

#include "core/commands.h"
#include "core/embedded.h"
#include "core/error.h"
#include "scheme/scheme_loader.h"
#include "store/session_loader.h"

namespace attune {

namespace {

constexpr const char* kDemoFile = "samples/demo/demo-session.json";
constexpr const char* kDefaultScheme = "samples/schemes/attachment-core.json";

SessionId create_demo(Store& store, const nlohmann::json& demo) {
  const std::string scheme_text(embedded_file(kDefaultScheme));
  const std::int64_t scheme_id = store.import_scheme(scheme_text, kDefaultScheme);

  const nlohmann::json& r = demo.at("recording");
  Recording recording;
  recording.dyad = r.at("dyad").get<std::string>();
  recording.child_age_months = r.at("child_age_months").get<int>();
  recording.session_type = r.at("session_type").get<std::string>();
  recording.fps = parse_frame_rate(r.at("fps").get<std::string>());
  recording.duration = parse_seconds(r.at("duration_s").get<std::string>());
  const SessionId id = store.create_session(recording, scheme_id, demo.at("coder").get<std::string>());

  // Code it the way a clinician would: through commands, one durable step each.
  LoadedSession session = load_session(store, id);
  for (const nlohmann::json& e : demo.at("events")) {
    AddEvent add;
    add.code = e.at("code").get<std::string>();
    add.subject = e.value("subject", "");
    add.start = parse_seconds(e.at("at").get<std::string>());
    if (e.contains("end")) add.end = parse_seconds(e.at("end").get<std::string>());
    const nlohmann::json modifiers = e.value("modifiers", nlohmann::json::object());  // outlives the loop
    for (const auto& [key, value] : modifiers.items())
      add.modifiers[key] = value.get<std::string>();
    add.comment = e.value("comment", "");
    session.history->apply(add);
  }
  return id;
}

}  // namespace

DemoSession open_or_create_demo(Store& store) {
  const nlohmann::json demo = nlohmann::json::parse(embedded_file(kDemoFile));
  const std::string dyad = demo.at("recording").at("dyad").get<std::string>();
  for (const SessionInfo& s : store.sessions())
    if (store.recording(s.recording_id).dyad == dyad) return {s.id, false};
  return {create_demo(store, demo), true};
}

}  // namespace attune
