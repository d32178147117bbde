#pragma once
// Events CSV: one row per event.
//   session, dyad, episode, subject, group, code, kind (point|state), start_s, end_s,
//   duration_s, open (1 = still running at the end of the coding; end_s and duration_s
//   empty), frame (ExportSession::frame_of: on a variable-rate video the file's frame at
//   start_s, else the stored video frame, else the frame at start_s at the recorded rate),
//   one column per modifier of the schemes (named by the modifier id), event_id,
//   comment (left out when de-identified), coder, scheme, scheme_version, attune_version.
// Times are exact seconds (up to 6 decimals, as stored). Events carry no parameters: the
// summary exports write those.
#include <memory>

#include "export/writer.h"

namespace attune::exports {

std::unique_ptr<SessionWriter> make_events_csv_writer(const ExportOptions& options, Sink sink);

}  // namespace attune::exports
