"""The built-in export formats. Each registers through the resume_studio.exporters entry points."""
