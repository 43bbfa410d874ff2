//! The briefing pack and letters as print-ready A4 PDFs, typeset by Typst from the core's
//! `Briefing` and `LetterDocument`.
//!
//! The words reach Typst as data (a JSON file the template reads), never as Typst
//! markup, so text containing `#`, `*`, `$`, `<script>` or backslashes prints as typed. The
//! fonts are Typst's own, compiled into the program: the same PDF on every machine, and no
//! font is read from the system.

use std::sync::LazyLock;

use rapport_core::briefing::Briefing;
use rapport_core::letters::LetterDocument;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("briefing.typ");
const LETTER: &str = include_str!("letter.typ");

/// The fonts, parsed once per process.
/// Emoji and symbols, in black and white, for text that has them (see fonts/README.md).
static SYMBOLA: &[u8] = include_bytes!("../fonts/Symbola.ttf");

static FONTS: LazyLock<(Vec<Font>, LazyHash<FontBook>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .chain([SYMBOLA])
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let book = LazyHash::new(FontBook::from_fonts(&fonts));
    (fonts, book)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a fixed, valid path"),
    )
    .intern()
}

/// One compilation: the template, and the pack as `/data.json`.
struct PackWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for PackWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.1
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.0.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Why a pack could not be typeset (a fault in the template, never in the user's text).
#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "The document could not be typeset: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

fn explain(errors: &[SourceDiagnostic]) -> PdfError {
    PdfError(
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// The pack as PDF bytes.
pub fn briefing_pdf(briefing: &Briefing) -> Result<Vec<u8>, PdfError> {
    let data = serde_json::to_vec(briefing).map_err(|e| PdfError(e.to_string()))?;
    typeset("/briefing.typ", TEMPLATE, data, &briefing.file_name)
}

/// A letter as PDF bytes: A4, our address block, the date, theirs, the subject and the body.
pub fn letter_pdf(letter: &LetterDocument) -> Result<Vec<u8>, PdfError> {
    let data = serde_json::to_vec(letter).map_err(|e| PdfError(e.to_string()))?;
    typeset("/letter.typ", LETTER, data, &letter.file_name)
}

fn typeset(path: &str, template: &str, data: Vec<u8>, ident: &str) -> Result<Vec<u8>, PdfError> {
    let world = PackWorld {
        main: Source::new(file_id(path), template.to_owned()),
        data_id: file_id("/data.json"),
        data: Bytes::new(data),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| explain(&errors))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_owned()),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| explain(&errors))
}
