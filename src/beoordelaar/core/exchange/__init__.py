"""The exchange with the assessors' laptops: work packages out, return files back, signed, all or nothing;
and the commission's progress as the chair sees it."""
