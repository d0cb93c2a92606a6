"""The English table: every fixed phrase the site prints, and the default words for its sections.

A second language is a second module like this one (the same keys, its own text), named in
words.TABLES by its language code; no template changes. ``{placeholders}`` are filled in by the page:
``{objectives.lower_plural}`` and the like are the words of a section (see words.Section), any of which
a phrase may use; the others (``{count}``, ``{site}``...) are the values the page passes, which an
override in site.yaml must keep. A key ending in ``_one`` is the form used when ``{count}`` is 1; a site
may add one to any string that has a ``{count}`` (``home_objectives_one: Our mission``).
"""

from __future__ import annotations

# The words for each section of content when site.yaml's `sections:` does not change them.
SECTIONS = {
    "objectives": {"name": "Strategic objectives", "singular": "Objective", "plural": "Objectives"},
    "principles": {"name": "Guiding principles", "singular": "Principle", "plural": "Principles"},
    "case_studies": {"name": "Case studies", "singular": "Case study", "plural": "Case studies"},
    "news": {"name": "News", "singular": "News", "plural": "News"},
}

STRINGS = {
    # Every page
    "skip_link": "Skip to main content",
    "page_title": "{title} – {site}",
    "og_locale": "en_GB",
    "feed_link_title": "{site}: {case_studies.lower_plural} and {news.lower_plural}",
    "service_information": "Service information",
    "menu": "Menu",
    "navigation_label": "Menu",
    "breadcrumb_label": "Breadcrumb",
    "home": "Home",
    "phase_alpha": "Alpha",
    "phase_beta": "Beta",
    "support_links": "Support links",
    "licence": "All content is available under the {licence}, except where otherwise stated",
    "last_updated": "Last updated {date}",
    "view_source": "View source",
    "view_source_hidden": "of this page on GitHub",
    "suggest_change": "Suggest a change",
    "suggest_change_hidden": "to this page on GitHub",
    "published": "Published {date}",
    "contents": "Contents",
    "date": "{day} {month} {year}",
    "month_1": "January",
    "month_2": "February",
    "month_3": "March",
    "month_4": "April",
    "month_5": "May",
    "month_6": "June",
    "month_7": "July",
    "month_8": "August",
    "month_9": "September",
    "month_10": "October",
    "month_11": "November",
    "month_12": "December",
    # Lists in pages
    "list_page_title": "{title} (page {number} of {total})",
    "pages_of": "Pages of {case_studies.lower_plural}",
    "previous_page": "Previous",
    "next_page": "Next",
    "page_hidden": "page",
    "page_number": "Page {number}",
    "showing": "Showing {case_studies.lower_plural} {first} to {last} of {total}, newest first.",
    # The home page
    "home_objectives": "Our {count} {objectives.lower_name}",
    "home_principles": "Our {count} {principles.lower_name}",
    "home_case_studies_lead": "{case_studies.name} show our {principles.lower_plural} in action.",
    "see_all_case_studies": "See all {case_studies.lower_plural}",
    "leaders": "What our leaders say",
    # The objectives
    "objectives_description": "The {count} {objectives.lower_name} of the {site}.",
    "objectives_lead": ("Our {count} {objectives.lower_plural} explain what we care about. "
                        "Each comes with commitments that say what we will do."),
    "objective_number": "{objectives.singular} {number}",
    "commitments": "What we will do",
    "objective_no_case_studies": ("There are no {case_studies.lower_plural} for this "
                                  "{objectives.lower_singular} yet."),
    "objective_related": "Related {principles.lower_plural}",
    "objective_others": "Other {objectives.lower_plural}",
    "objective_previous": "Previous {objectives.lower_singular}",
    "objective_next": "Next {objectives.lower_singular}",
    # The principles
    "principles_description": "The {count} {principles.lower_name} of the {site}.",
    "principles_lead": "Our {count} {principles.lower_plural} guide the work we do.",
    "principle_number": "{principles.singular} {number}: {name}",
    "principle_case_studies": "{case_studies.name} that show this {principles.lower_singular}",
    "principle_no_case_studies": ("There are no {case_studies.lower_plural} for this "
                                  "{principles.lower_singular} yet."),
    "principle_related": "Related {objectives.lower_plural}",
    "principle_others": "Other {principles.lower_plural}",
    "principle_previous": "Previous {principles.lower_singular}",
    "principle_next": "Next {principles.lower_singular}",
    # The case studies
    "case_studies_description": ("{case_studies.name} that show the {principles.lower_plural} "
                                 "of the {site} in action."),
    "case_studies_lead": ("These {case_studies.lower_plural} show how our {principles.lower_plural} "
                          "work in practice."),
    "case_studies_heading": "{case_studies.name}",
    "sources": "Sources",
    "supports": "{objectives.plural} it supports",
    "demonstrates": "{principles.plural} it demonstrates",
    "demonstrates_list": "Demonstrates:",
    # The news
    "news_description": "{news.name} about how the {site} is being used.",
    # The page not found (404)
    "not_found_title": "Page not found",
    "not_found_description": "The page you were looking for was not found.",
    "not_found_typed": "If you typed the web address, check it is correct.",
    "not_found_pasted": "If you pasted the web address, check you copied the entire address.",
    "not_found_home": "You can {link}.",
    "not_found_home_link": "go to the home page of the {site}",
    # The preview's page when a build fails
    "build_error_title": "Error: the preview could not be rebuilt",
    "build_error_summary": "The preview could not be rebuilt: {problems}",
    "build_error_problems": "{count} problems",
    "build_error_problems_one": "{count} problem",
    "build_error_description": ("Fix these in your files and save. This page reloads by itself when the "
                                "site builds again. Until then you see the last site that built, and "
                                "dist/ is unchanged."),
    "build_error_no_build": ("No earlier version of the site has built yet, so there is no page to show "
                             "under these messages."),
}
