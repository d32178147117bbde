#include "app/coding/coding_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace attune {

CodingView::CodingView(Workspace& ws, KeyMap keys, std::string keys_path, KeyQueue& key_queue)
    : ws_(ws), keys_(std::move(keys)), keys_path_(std::move(keys_path)), key_queue_(key_queue) {
  comparison_.docked = true;  // in place of the timeline: the video stays in sight
  coder_.on_list_action = [this](Workspace& w, Action action) { list_.handle_action(w, action); };
}

CodingView::Next CodingView::draw() {
  const ImGuiIO& io = ImGui::GetIO();
  // Keys first, before any widget of this frame: io.WantTextInput still says whether a
  // text field had focus, and then no code key may fire. Every key since the last frame is
  // applied in the order it arrived.
  const std::vector<KeyInput>& input = key_queue_.take();
  const bool capturing = settings_.open && settings_.draw(keys_, coder_.options, keys_path_, input);
  const Next key_next = handle_window_keys(input, !capturing && !io.WantTextInput && !schemes_.is_open());
  coder_.handle_keys(ws_, keys_, input,
                     capturing                ? "the Settings window (press the new key)"
                     : io.WantTextInput       ? "a text field"
                     : schemes_.is_open()     ? "the scheme editor (close it to code)"
                                              : "");

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float status_height = ImGui::GetFrameHeight() + 6.0f;
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - status_height));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Attune coding", nullptr, flags);
  const Next next = draw_menu();

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left_width = avail.x * 0.58f;
  // Comparing (docked): the video and the pad stay on top, the comparison takes the
  // timeline's place across the whole width, so the picture is never covered.
  const bool comparing = comparison_.is_open() && comparison_.docked;
  const float top_height = comparing ? avail.y * 0.45f : avail.y;
  ImGui::BeginChild("left", ImVec2(left_width, top_height), false);
  {
    const float video_height = comparing ? 0.0f : ImGui::GetContentRegionAvail().y * 0.60f;
    ImGui::BeginChild("video", ImVec2(0, video_height), true, ImGuiWindowFlags_NoScrollbar);
    video_.draw(ws_);
    ImGui::EndChild();
    if (!comparing) {
      ImGui::BeginChild("timeline", ImVec2(0, 0), true, ImGuiWindowFlags_NoScrollbar);
      update_markers();
      timeline_.draw(ws_);
      ImGui::EndChild();
    }
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("right", ImVec2(0, top_height), false);
  {
    ImGui::BeginChild("pad", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.52f), true);
    pad_.draw(ws_, coder_);
    ImGui::EndChild();
    ImGui::BeginChild("list", ImVec2(0, 0), true);
    list_.draw(ws_);
    ImGui::EndChild();
  }
  ImGui::EndChild();
  if (comparing) {
    ImGui::BeginChild("compare", ImVec2(0, 0), true);
    comparison_.draw_docked(ws_);
    ImGui::EndChild();
  }
  ImGui::End();
  review_.draw(ws_);
  export_.draw(ws_);
  ratings_.draw(ws_);
  audit_.draw(ws_);
  comparison_.draw(ws_);
  if (display_) display_view_.draw(*display_, display_path_);
  help_.draw(keys_, ws_.scheme());
  schemes_.draw(ws_);
  status_.draw(ws_, status_height, coder_);
  if (next == Next::Stay && key_next != Next::Stay) return key_next;
  if (next == Next::Stay && video_.take_reopen_request()) return Next::ReopenMedia;
  return next;
}

CodingView::Next CodingView::handle_window_keys(const std::vector<KeyInput>& input, bool keys_free) {
  Next next = Next::Stay;
  for (const KeyInput& k : input) {
    if (k.kind == KeyInput::Kind::Press && k.ctrl() && !k.alt() && !k.shift() && k.key == GLFW_KEY_Q) next = Next::Quit;
    if (!keys_free) continue;
    if (k.kind == KeyInput::Kind::Char && is_help_char(ws_.scheme(), k.codepoint)) help_.toggle();
    if (k.kind == KeyInput::Kind::Press && k.mods == 0 && is_help_function_key(ws_.scheme(), k.key)) help_.toggle();
    if (k.kind == KeyInput::Kind::Press && k.key == GLFW_KEY_ESCAPE && help_.open && !coder_.prompt()) help_.open = false;
  }
  return next;
}

CodingView::Next CodingView::draw_menu() {
  Next next = Next::Stay;
  if (!ImGui::BeginMenuBar()) return next;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Sessions…")) next = Next::Sessions;
    if (ImGui::MenuItem("Export…")) export_.open(ws_);
    if (ImGui::MenuItem("Schemes…")) schemes_.open(ws_);
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) next = Next::Quit;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    const auto& undo = ws_.history().undo_label();
    const auto& redo = ws_.history().redo_label();
    if (ImGui::MenuItem(undo ? ("Undo " + *undo).c_str() : "Undo", "Ctrl+Z", false, undo.has_value())) ws_.undo();
    if (ImGui::MenuItem(redo ? ("Redo " + *redo).c_str() : "Redo", "Ctrl+Shift+Z", false, redo.has_value()))
      ws_.redo();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Settings")) {
    ImGui::MenuItem("Hold-to-code", nullptr, &coder_.options.hold_to_code);
    ImGui::MenuItem("Pause while choosing modifiers", nullptr, &coder_.options.pause_while_choosing);
    if (ImGui::MenuItem("Keys…")) settings_.open = true;
    if (ImGui::MenuItem("Display…", nullptr, false, display_ != nullptr)) display_view_.open = true;
    ImGui::EndMenu();
  }
  draw_review_menu();
  if (ImGui::BeginMenu("Help")) {
    const std::string help = help_keys(ws_.scheme());
    ImGui::MenuItem("Keyboard shortcuts", help.empty() ? nullptr : help.c_str(), &help_.open);
    ImGui::EndMenu();
  }
  const Recording& r = ws_.recording();
  ImGui::Separator();
  ImGui::TextDisabled("Session %lld   dyad %s   coder %s%s", static_cast<long long>(ws_.info().id), r.dyad.c_str(),
                      ws_.info().coder.c_str(), ws_.info().is_master ? " (master)" : "");
  ImGui::SameLine();
  if (ws_.info().status == SessionStatus::Approved)
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "approved — locked");
  else
    ImGui::TextDisabled("%s", to_string(ws_.info().status));
  ImGui::EndMenuBar();
  return next;
}

void CodingView::draw_review_menu() {
  if (!ImGui::BeginMenu("Review")) return;
  ImGui::MenuItem("Review and comments…", nullptr, &review_.open);
  ImGui::MenuItem("Global ratings…", nullptr, &ratings_.open);
  if (ImGui::MenuItem("Audit trail…")) audit_.open(ws_);
  if (ImGui::MenuItem("Compare with…")) comparison_.open(ws_);
  ImGui::EndMenu();
}

void CodingView::open_panels(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (name == "review") review_.open = true;
    if (name == "ratings") ratings_.open = true;
    if (name == "audit") audit_.open(ws_);
    if (name == "compare") comparison_.open(ws_);
    if (name == "all-lanes") comparison_.all_lanes = true;
    if (name == "export") export_.open(ws_);
    if (name == "keys") help_.open = true;
    if (name == "settings") settings_.open = true;
    if (name == "display" && display_) display_view_.open = true;
    if (name == "schemes") schemes_.open(ws_);
    for (SchemeSection s : {SchemeSection::Groups, SchemeSection::Subjects, SchemeSection::Modifiers,
                            SchemeSection::Ratings, SchemeSection::Rules})
      if (name == std::string("schemes:") + section_key(s)) {
        schemes_.open(ws_);
        schemes_.show(s);
      }
  }
}

void CodingView::update_markers() {
  if (markers_version_ == ws_.comments_version()) return;
  std::vector<Micros> markers;
  for (const SessionComment& c : ws_.comments())
    if (c.at) markers.push_back(*c.at);
  timeline_.set_markers(std::move(markers));
  markers_version_ = ws_.comments_version();
}

}  // namespace attune
