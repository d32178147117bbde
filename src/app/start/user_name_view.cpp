#include "app/start/user_name_view.h"
#include "app/logic/action.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/error.h"
#include "store/user_config.h"

namespace attune {

void UserNameView::request(const Store& store) {
  asking_ = true;
  field_ = store.actor();
  error_.clear();
}

bool UserNameView::save(Store& store, const std::string& name) {
  return run_action("Save your name", [&] {
    save_user_name(name);
    store.set_actor(saved_user_name());
    asking_ = false;
    error_.clear();
  }, [&](const std::string& message) { error_ = message; });
}

bool UserNameView::draw(Store& store) {
  bool changed = false;
  if (store.actor().empty()) {
    if (!asking_) request(store);
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "Who are you? Your name is needed before any change.");
  } else {
    ImGui::Text("You are %s", store.actor().c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The name every change you make is recorded under in the audit trail");
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(store.actor().empty() ? "Give your name…" : "Change…")) request(store);
  draw_dialog(store, changed);
  return changed;
}

void UserNameView::draw_dialog(Store& store, bool& changed) {
  const char* title = "Your name";
  if (asking_ && !popup_open_) {
    ImGui::OpenPopup(title);
    popup_open_ = true;
  }
  const bool must = store.actor().empty();
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (popup_open_ && !must) asking_ = false;  // closed from outside (Escape)
    popup_open_ = false;
    return;
  }
  if (!asking_) {
    popup_open_ = false;
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::TextUnformatted("The name the audit trail records for every change you make.");
  ImGui::TextDisabled("Saved for you in %s", user_config_path().c_str());
  ImGui::SetNextItemWidth(360);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputTextWithHint("##name", "e.g. Ann Lee", &field_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button("Save") || entered) changed = save(store, field_);
  if (!must) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) asking_ = false;
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", error_.c_str());
  if (!asking_) {
    popup_open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace attune
