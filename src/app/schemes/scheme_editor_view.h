#pragma once
// File → Schemes…: the coding scheme editor. Choose a stored scheme version, change its
// subjects, groups, codes, modifiers, rating scales and rules (SchemeItemsView), see what
// `attune-cli scheme validate` would say as you go and the code pad as coders will see it,
// and save: the edit is stored as the next version of the scheme (sessions keep the version
// they were created with). Export… writes a stored version back to its JSON file.
// The editing itself is in SchemeDraft (no ImGui); saving goes through the Workspace.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/logic/scheme_draft.h"
#include "app/schemes/scheme_items_view.h"
#include "app/logic/workspace.h"

namespace attune {

class SchemeEditorView {
 public:
  // Reads the stored schemes and starts editing the version the open session uses.
  void open(Workspace& ws);
  void draw(Workspace& ws);
  bool is_open() const { return open_; }

  // What the controls do (tests drive these directly).
  // Starts editing stored version `index` of stored() (drops the current draft's changes).
  bool choose(std::size_t index);
  // Stores the draft as the next version of its name; the editor goes on with that version.
  std::optional<SchemeRow> save(Workspace& ws);
  // Writes the stored version being edited to `path` (its bytes as stored).
  bool export_to(const std::string& path);
  // Closes; with unsaved changes only after asking (or `discard`).
  void close(bool discard = false);

  SchemeDraft& draft() { return draft_; }
  SchemeItemsView& items() { return items_; }
  // The tab shown (show() brings one forward on the next frame).
  SchemeSection section() const { return section_; }
  void show(SchemeSection section) { select_tab_ = section; }
  const std::vector<SchemeRow>& stored() const { return stored_; }
  const SchemeRow* editing() const { return chosen_ < stored_.size() ? &stored_[chosen_] : nullptr; }
  int next_version() const { return next_version_; }
  std::string& export_path() { return export_path_; }
  const std::string& message() const { return message_; }
  const std::string& error() const { return error_; }

 private:
  void draw_header(Workspace& ws);
  void draw_problems();
  void draw_preview();
  void draw_export_popup();
  void draw_discard_popup();
  void reload(Workspace& ws);  // the stored list and the next version (never per frame)

  bool open_ = false;
  std::vector<SchemeRow> stored_;
  std::size_t chosen_ = 0;
  SchemeDraft draft_;
  int next_version_ = 1;
  std::string next_for_;  // the name next_version_ was read for
  SchemeSection section_ = SchemeSection::Codes;
  std::optional<SchemeSection> select_tab_;  // a tab to bring forward next frame
  SchemeItemsView items_;
  std::string message_, error_;
  std::string export_path_, db_folder_;
  bool export_popup_ = false;
  // Asked before unsaved changes are dropped: close (nullopt) or another version.
  bool discard_popup_ = false;
  std::optional<std::size_t> discard_for_;
  bool discard_closes_ = false;
  // The preview's widest button, measured once per draft revision and font size.
  std::optional<std::uint64_t> measured_at_;
  float measured_font_ = 0, widest_ = 0;
};

}  // namespace attune
