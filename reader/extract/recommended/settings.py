"""Every number capture decides by, in one settings object a caller may override.

``find_recommended(tree, base, url, settings=replace(DEFAULTS, min_teaser_items=4))``
tries a different threshold without touching the code (the way trafilatura keeps its
limits in one settings file). The comments say why each default is what it is.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    # --- links as stories -----------------------------------------------------------------
    # Links whose text has fewer words than this are menu items or tags, not story titles.
    min_title_words: int = 3
    # ... except in a block the page itself calls related/recommended (short real titles).
    min_title_words_strong: int = 2
    # A story titled as the page's own headline, with at least this many words, is the
    # page itself (a blog's "Recent posts" lists the post being read; the page saved
    # without its address cannot be told by URL). Shorter titles ("Home", "News") are
    # too common to tell.
    own_headline_words: int = 4
    # Titles in scripts without spaces (CJK) are measured in characters instead.
    min_title_chars_nospace: int = 6
    # In a block where this share of story URLs carry a numeric id, id-less ones are sections.
    id_share: float = 0.7
    # A link inside a paragraph with this much more text than the link is a sentence link.
    sentence_extra_chars: int = 60
    # "More from Sport", "Plus de Culture": a link this short after an open heading phrase
    # is the block's "see all" link; a longer one is a story title that happens to start alike.
    max_label_link_words: int = 4
    # A block whose links are mostly rejected (menus, tags) is not a story list.
    min_story_link_share: float = 0.2
    # An element its class calls a menu is still a story list when this share of its links
    # lead to stories with headline-like titles (WordPress "menu" widgets of stories).
    min_story_menu_share: float = 0.6
    # ... and has no more links than this (a longer one is the site's navigation).
    max_story_menu_links: int = 60
    # A block's links that sit in its story cards (a byline's topic links) are not counted
    # as rejected once it has this many cards: one story's card may be the whole box.
    min_card_stories: int = 2
    # A block whose links go through display-ad click servers this often is a box of text
    # ads (an IDG "Sponsored links" box: 35 of 36); one ad in a list of stories is an item.
    min_ad_box_share: float = 0.8

    # --- items -----------------------------------------------------------------------------
    # Short lines with digits in a story item are dates and bylines, not teasers.
    short_meta_chars: int = 50
    # A provider name is a few words ("Associated Press", "The Motley Fool").
    max_provider_words: int = 4

    # --- the candidate pass ------------------------------------------------------------------
    # Paragraphs with more letters than this (spaces not counted) are story prose.
    prose_chars: int = 70
    # An inline module is a short element ("READ MORE: <a>...</a>"), not a container.
    max_inline_children: int = 8
    # Characters of a possible heading read before deciding whether to read it all.
    heading_peek_chars: int = 120
    # Longest text of a heading element looked at (characters).
    max_heading_chars: int = 90
    # Room for an inline module's label ("Also on National Post Herald:") beside its links.
    inline_label_chars: int = 40
    # A heading's nearest region with links to this many stories (one card) may be the
    # label's own box: the block widens one level to take the cards beside it.
    single_story_links: int = 1
    # A heading-started block is looked for at most this many ancestors up...
    max_heading_climb: int = 4
    # ... in ancestors no larger than this many elements (beyond that it is the page body).
    max_region_elements: int = 2500

    # A short line without links just above a run of link lines is the run's label.
    max_line_label_chars: int = 60
    # A site the page links to this many times (distinct addresses) is of its own group (a
    # network's sister titles); a source quoted in a story is linked once or twice.
    min_network_links: int = 5

    # --- accepting a block ---------------------------------------------------------------------
    # Structural blocks need this many items, each with a title this long: lists of long
    # links are what rails look like, and what menus and tag clouds do not.
    min_struct_items: int = 4
    min_struct_title_words: int = 5
    # How far up a block's ancestors the comment/share/newsletter check looks.
    max_furniture_depth: int = 8
    # How far up a block's ancestors an ad network's class makes the block sponsored.
    max_network_depth: int = 6
    # A box holding this many distinct native-ad addresses, found this few levels above
    # its links, is an ad network's widget (see networks.py).
    min_ad_widget_links: int = 2
    ad_widget_climb: int = 4
    # A block with this many long paragraphs under one parent, and more letters than this
    # in them, is an article wrapper, not a rail (a rail's teasers sit in separate items).
    wrapper_paragraphs: int = 3
    max_block_prose_chars: int = 850
    # A page is an article when this many long paragraphs sit side by side: a short news
    # brief has two, while index pages give each teaser paragraph its own card.
    article_paragraphs: int = 2

    # A blog's front page shows its posts whole: a block whose stories are mostly (this
    # share) posts shown on the page, in this many posts, is the page's own listing
    # (listing.py). A post is the box at most this many levels above its body's prose,
    # with this many words: a teaser's line or two is no post.
    min_listing_posts: int = 3
    listing_share: float = 0.5
    listing_post_climb: int = 2
    min_listing_post_words: int = 50

    # --- structure-only blocks ---------------------------------------------------------------
    # The fallback when no heading, token or label names a rail: a run of sibling teaser
    # items, each holding one same-site story link that reads like a headline. Three cards
    # side by side is the smallest rail real pages print ("FEMAIL TODAY", a strip of
    # stories above the article); two links are a pair in a box, not a list.
    min_teaser_items: int = 3
    # A stream below an article runs to 50 or 60 cards; a run longer than this is a site map.
    max_teaser_items: int = 150
    # Runs longer than this must be cards (a picture, a time, a teaser): a long list of bare
    # links is an archive, a schedule of events or a site map.
    max_plain_items: int = 40
    # A headline has a few words: shorter texts are menu items, longer ones are sentences.
    min_teaser_words: int = 4
    max_teaser_words: int = 25
    # ... and in scripts without spaces (Chinese, Japanese), this many characters.
    min_teaser_chars_nospace: int = 8
    max_teaser_chars_nospace: int = 60
    # Links long enough to hold such a headline, picked out in C: the teaser pass then
    # touches a few dozen links instead of every link of the page.
    min_teaser_chars: int = 20
    # Scores and tables ("FINAL COM 118 LIO 111") are mostly digits; headlines are words.
    max_teaser_digit_share: float = 0.15
    # How far above a link its item's container may sit (link < h3 < card < grid).
    max_teaser_climb: int = 5
    # The share of a container's child elements (of the items' tag) that must be teasers:
    # a rail is made of its cards, not a page column where three cards happen to sit.
    min_teaser_share: float = 0.6

    # --- lists found only in the page's data ---------------------------------------------------
    # A data list counts when this many of its entries are stories.
    min_data_items: int = 3
    # ... and they are this share of its entries (a list of sections is navigation).
    min_data_story_share: float = 0.6
    # Data scripts larger than this are not read (a whole site's state, megabytes of it).
    max_data_script_chars: int = 3_000_000
    # At most this many values of one script are looked at, this deep.
    max_data_nodes: int = 100_000
    max_data_depth: int = 30


DEFAULTS = Thresholds()
