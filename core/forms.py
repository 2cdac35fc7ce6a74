"""Form behaviour shared by every app's public forms."""


class AccessibleErrorsMixin:
    """Point each invalid field at its error message (and help text) with aria-describedby, and mark it
    aria-invalid, so screen readers announce why the field was refused."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described_by = [f"{bound.auto_id}-error"]
            if self.fields[name].help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs.update(
                {"aria-describedby": " ".join(described_by), "aria-invalid": "true"}
            )
