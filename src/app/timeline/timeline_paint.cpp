#include "app/timeline/timeline_paint.h"

#include <algorithm>
#include <array>
#include <string>

namespace attune::timeline_paint {

namespace {
constexpr std::uint32_t kWhite = 0xFFFFFFFFu, kPlayhead = 0xFF3A3AE8u;
}

void ruler(ImDrawList& dl, const TimelineLayout& layout, float track_x0, float track_x1, float top, float foot,
           float grid_bottom) {
  const float width = track_x1 - track_x0;
  const Micros t0 = layout.t0(), t1 = layout.t1();
  dl.AddRectFilled(ImVec2(track_x0, top), ImVec2(track_x1, foot), ImGui::GetColorU32(ImGuiCol_TitleBg));
  const Micros step = tick_step(t1 - t0, width, 90.0f);
  const Micros minor = std::max<Micros>(1, step / 5);
  const std::uint32_t text = ImGui::GetColorU32(ImGuiCol_Text);
  const std::uint32_t faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl.PushClipRect(ImVec2(track_x0, top), ImVec2(track_x1, grid_bottom), true);
  for (Micros t = (t0 + minor - 1) / minor * minor; t < t1; t += minor) {
    const float x = track_x0 + layout.x_of(t);
    if (t % step == 0) {
      dl.AddLine(ImVec2(x, foot - 6.0f), ImVec2(x, foot), text);
      dl.AddLine(ImVec2(x, foot), ImVec2(x, grid_bottom), with_alpha(faint, 0x30));  // grid
      const std::string label = format_tick(t, step);
      dl.AddText(ImVec2(x + 3.0f, top + 2.0f), text, label.c_str());
    } else {
      dl.AddLine(ImVec2(x, foot - 3.0f), ImVec2(x, foot), faint);
    }
  }
  dl.PopClipRect();
}

void lanes(ImDrawList& dl, const TimelineLayout& layout, const LaneBlock& block, Micros now, EventId hidden) {
  const std::vector<TimelineLane>& all = layout.lanes();
  const TimelineLayout::Items& items = layout.items();
  const float left = block.track_x0, width = block.track_x1 - block.track_x0;
  const float now_x = std::clamp(layout.x_of(now), -8.0f, width + 8.0f);
  const ImVec2 track_min(left, block.top), track_max(block.track_x1, block.bottom);
  auto row_top = [&](std::size_t r) { return block.top + static_cast<float>(r) * block.lane_h; };

  dl.PushClipRect(track_min, track_max, true);
  for (std::size_t r = 0; r < block.lanes.size(); ++r) {
    const std::size_t l = block.lanes[r];
    if (l >= all.size() || l >= items.size()) continue;
    const float y0 = row_top(r);
    if (r % 2 == 1) dl.AddRectFilled(ImVec2(left, y0), ImVec2(block.track_x1, y0 + block.lane_h), 0x0CFFFFFFu);
    // Episodes shade every lane of the block behind the events, with a line where each begins.
    if (all[l].episode)
      for (const TimelineItem& item : items[l]) {
        const float x1 = item.kind == TimelineItemKind::Open ? open_extent(item, now_x, width).open_x1 : item.x1;
        dl.AddRectFilled(ImVec2(left + item.x0, block.top), ImVec2(left + std::max(x1, item.x0 + 1.0f), block.bottom),
                         with_alpha(item.color, 0x28));
        dl.AddLine(ImVec2(left + item.x0, block.top), ImVec2(left + item.x0, block.bottom), with_alpha(item.color, 0xA0));
      }
  }
  for (std::size_t r = 0; r < block.lanes.size(); ++r) {
    const std::size_t l = block.lanes[r];
    if (l >= items.size()) continue;
    const float y0 = row_top(r) + 2.0f, y1 = y0 + block.lane_h - 4.0f;
    for (const TimelineItem& item : items[l]) {
      if (hidden != 0 && item.id == hidden && item.count == 1) continue;  // drawn as a preview by the view
      const float x0 = left + item.x0;
      switch (item.kind) {
        case TimelineItemKind::Tick:
          dl.AddRectFilled(ImVec2(x0 - 1.0f, y0 - 1.0f), ImVec2(x0 + 1.0f, y1 + 1.0f), item.color);
          break;
        case TimelineItemKind::Open: {  // no end yet: solid to the playhead, then open-ended
          const OpenExtent extent = open_extent(item, now_x, width);
          const float solid = left + extent.solid_x1, open = left + extent.open_x1;
          if (solid > x0) dl.AddRectFilled(ImVec2(x0, y0), ImVec2(solid, y1), with_alpha(item.color, 0xC0));
          dl.AddRectFilled(ImVec2(solid, y0), ImVec2(open, y1), with_alpha(item.color, 0x60));
          dl.AddLine(ImVec2(solid, y0), ImVec2(open, y0), with_alpha(item.color, 0xD0), 1.0f);
          dl.AddLine(ImVec2(solid, y1 - 1.0f), ImVec2(open, y1 - 1.0f), with_alpha(item.color, 0xD0), 1.0f);
          dl.AddLine(ImVec2(x0, y0), ImVec2(x0, y1), item.color, 2.0f);  // where it starts
          // The open-ended marker: a chevron at the visible right end of the bar.
          const float tip = std::min(open, block.track_x1) - 3.0f, mid = (y0 + y1) * 0.5f, half = (y1 - y0) * 0.35f;
          if (tip - 6.0f > x0)
            for (float dx : {0.0f, 5.0f})
              dl.AddPolyline(std::array<ImVec2, 3>{ImVec2(tip - 6.0f - dx, mid - half), ImVec2(tip - dx, mid),
                                                   ImVec2(tip - 6.0f - dx, mid + half)}.data(),
                             3, kWhite, 0, 1.5f);
          break;
        }
        case TimelineItemKind::Bar:
        case TimelineItemKind::Folded:
          dl.AddRectFilled(ImVec2(x0, y0), ImVec2(left + std::max(item.x1, item.x0 + 1.0f), y1), item.color);
          break;
      }
    }
  }
  dl.PopClipRect();
  // Labels last so long ones are cut at the track, not painted over it.
  dl.PushClipRect(ImVec2(block.label_x0, block.top), ImVec2(left - 4.0f, block.bottom), true);
  const float text_h = ImGui::GetTextLineHeight();
  for (std::size_t r = 0; r < block.lanes.size(); ++r) {
    const std::size_t l = block.lanes[r];
    if (l >= all.size()) continue;
    const float center = row_top(r) + block.lane_h * 0.5f;
    dl.AddText(ImVec2(block.label_x0 + 4.0f, center - text_h * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
               all[l].label.c_str());
  }
  dl.PopClipRect();
}

void playhead(ImDrawList& dl, float x, float top, float bottom) {
  dl.AddLine(ImVec2(x, top), ImVec2(x, bottom), kPlayhead, 2.0f);
  dl.AddTriangleFilled(ImVec2(x - 5.0f, top), ImVec2(x + 5.0f, top), ImVec2(x, top + 7.0f), kPlayhead);
}

}  // namespace attune::timeline_paint
