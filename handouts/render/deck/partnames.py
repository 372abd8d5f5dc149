"""Adding slides in constant time: a small adapter over python-pptx.

python-pptx (1.0) names each new slide, notes page and picture by walking every part of the
package, finds a picture to reuse by walking every relationship, looks through every slide's
relationship for one it has just made, and reads every slide id to pick the next, so a deck's build
time grows with the square of its slides (500 sections: over 15 minutes). Part names need only be
unique, and every new part is named here, so a set of the names taken and a counter per pattern
are enough; a new slide cannot already be related, and slide ids can simply count up.

It also builds each layout's blank slide, and the blank notes page, once: python-pptx clones the
placeholders into every new slide and notes page by reading each one's type, size and index again.
Later slides of the layout, and later notes pages, are copies of the first, which are the same.
"""

from __future__ import annotations

from copy import deepcopy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_Slide
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from handouts.render.deck import ooxml  # noqa: F401  (checks the python-pptx version first)


class _Names:
    """The package's next_partname, next_image_partname and next_media_partname, without the walk."""

    def __init__(self, package) -> None:
        self.taken = {str(part.partname) for part in package.iter_parts()}
        self.counters: dict[str, int] = {}

    def next_partname(self, tmpl: str) -> PackURI:
        n = self.counters.get(tmpl, 1)
        while tmpl % n in self.taken:
            n += 1
        self.counters[tmpl] = n + 1
        self.taken.add(tmpl % n)
        return PackURI(tmpl % n)

    def next_image_partname(self, ext: str) -> PackURI:
        return self.next_partname("/ppt/media/image%d." + ext.replace("%", ""))

    def next_media_partname(self, ext: str) -> PackURI:
        return self.next_partname("/ppt/media/media%d." + ext.replace("%", ""))


class _ImageParts:
    """The package's pictures by content digest: one copy of each, found without a walk."""

    def __init__(self, package, existing):
        self.package = package
        self.by_sha1 = {part.sha1: part for part in existing if hasattr(part, "sha1")}

    def get_or_add_image_part(self, image_file) -> ImagePart:
        image = Image.from_file(image_file)
        part = self.by_sha1.get(image.sha1)
        if part is None:
            part = self.by_sha1[image.sha1] = ImagePart.new(self.package, image)
        return part


class SlideAdder:
    """prs.slides.add_slide(layout) and slide.notes_slide, without the walks and the re-cloning."""

    def __init__(self, prs, names: _Names):
        self.prs, self.names = prs, names
        self.next_id = 0
        self._blank: dict[int, CT_Slide] = {}  # a layout part's id -> its new slide's element, placeholders cloned
        self._blank_notes = None

    def add_slide(self, layout):
        part = self.prs.part
        id_list = self.prs.slides._sldIdLst
        if not self.next_id:  # slide ids start at 256 and never reuse a removed slide's
            self.next_id = max([255] + [int(i) for i in id_list.xpath("./p:sldId/@id")]) + 1
        partname = self.names.next_partname("/ppt/slides/slide%d.xml")
        blank = self._blank.get(id(layout.part))
        if blank is None:
            slide_part = SlidePart.new(partname, part.package, layout.part)
            slide_part.slide.shapes.clone_layout_placeholders(layout)
            self._blank[id(layout.part)] = deepcopy(slide_part._element)
        else:
            slide_part = SlidePart(partname, CT.PML_SLIDE, part.package, deepcopy(blank))
            slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rel_id = part._rels._add_relationship(RT.SLIDE, slide_part)  # a new part has no relationship to reuse
        id_list._add_sldId(id=self.next_id, rId=rel_id)
        self.next_id += 1
        return slide_part.slide

    def notes_slide(self, slide):
        """The slide's new notes page, with the notes master's placeholders."""
        if self._blank_notes is None:
            notes = slide.notes_slide  # python-pptx makes the first, and the notes master if there is none
            self._blank_notes = deepcopy(notes.part._element)
            return notes
        package = slide.part.package
        notes_part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                                    package, deepcopy(self._blank_notes))
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part.notes_slide


def name_parts_directly(prs) -> SlideAdder:
    """Give `prs` constant-time part naming; returns what adds its slides. Call it once, right
    after opening the deck."""
    package = prs.part.package
    names = _Names(package)
    package.next_partname = names.next_partname
    package.next_image_partname = names.next_image_partname
    package.next_media_partname = names.next_media_partname
    # python-pptx keeps its picture finder in a cached property; ours takes the cached value's place
    package.__dict__["_image_parts"] = _ImageParts(package, list(package._image_parts))
    return SlideAdder(prs, names)
