"""The kernel log as the simulated loader writes it: level plus text, no trailing newline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LogLine:
    level: str  #: "err", "warn", "notice", "info"
    text: str
    #: False for a message the kernel prints without a final newline: the record stays open,
    #: and a /dev/kmsg reader sees it only when the next message arrives (often the next load's)
    terminated: bool = True


@dataclass(slots=True)
class KernelLog:
    lines: list[LogLine] = field(default_factory=list)

    def err(self, text: str) -> None:
        self.lines.append(LogLine("err", text))

    def warn(self, text: str) -> None:
        self.lines.append(LogLine("warn", text))

    def notice(self, text: str) -> None:
        self.lines.append(LogLine("notice", text))

    def texts(self) -> list[str]:
        return [line.text for line in self.lines]
