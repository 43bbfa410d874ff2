-- Rapport schema, version 4: where a contact channel came from.
--
-- A refresh from the UK Parliament Members API replaces the channels it wrote before and
-- leaves the ones a person typed alone, so each channel says where it came from, as an
-- office already does: 'typed' (or NULL, before this version) or 'members_api'.

ALTER TABLE contact_channels ADD COLUMN source TEXT;

