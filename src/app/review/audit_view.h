#pragma once
// The session's audit trail: who changed what and when, with the old and new values, and
// whether the database and the audit hash chain verify. Read from the store once when it
// is opened (or refreshed), never per frame.
#include <string>
#include <vector>

#include "app/logic/workspace.h"

namespace attune {

class AuditView {
 public:
  bool is_open() const { return open_; }
  void open(Workspace& ws);  // reads the rows and verifies
  void close() { open_ = false; }
  void draw(Workspace& ws);

  const std::vector<AuditRow>& rows() const { return rows_; }
  const std::string& verify_line() const { return verify_line_; }
  bool verified() const { return verified_; }
  // "attune-audit-head N:HASH" of the trail as read (docs/audit-trail.md); Copy puts it on
  // the clipboard.
  const std::string& head_text() const { return head_text_; }

 private:
  bool open_ = false;
  bool verified_ = false;
  std::vector<AuditRow> rows_;
  std::vector<std::string> times_;    // compact, one per row
  std::vector<std::string> changes_;  // "old → new", compact, one per row
  std::string verify_line_;
  std::string head_text_, head_short_;
};

}  // namespace attune
