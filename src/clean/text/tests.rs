//! Whole-dump rules, each on a small made-up page.

use super::clean;

fn body(dump: &str) -> Vec<String> {
    clean(dump).blocks.into_iter().map(|b| b.text).collect()
}

const MENU: &str = "Home\n\nNews\n\nPolitics\n\nWorld\n\nSubscribe\n\n";

#[test]
fn a_paragraph_cut_by_a_paywall_ends_the_article() {
    let dump = format!(
        "{MENU}Seoul and Tokyo Agree on a Hotline\n\nBy Jane Doe\n\nNov. 18, 2025 7:04 pm ET\n\n\
         The two governments agreed on Tuesday to open a military hotline, officials in both \
         capitals said, after a year of talks that had stalled twice over the wording.\n\n\
         The agreement still needs the approval of both parliaments. Still, officials said the \
         line could be working by the spring, and that the first call would be made by the two \
         defence ministers themselves, who have met four times this year…\n\n\
         To Read the Full Story\n\nSubscribe Sign In\n\nMost Popular Articles\n\n\
         Markets Fall on Rate Fears\n\nA New Museum Opens in Busan\n"
    );
    let body = body(&dump);
    assert!(
        body.last()
            .is_some_and(|p| p.contains("who have met four times")),
        "{body:#?}"
    );
    // A list of cut blurbs stays teasers.
    let teasers = format!(
        "{dump}\nRelated\n\nThe ministers met again on Friday and said the hotline talks had made \
         progress on the wording of the first part of the deal, which the two sides…\n\n\
         A second round of talks is planned for next month in Tokyo, where the ministers will \
         discuss the second part of the deal and the timetable for it to be signed…\n"
    );
    assert!(!body_of(&teasers).contains("made progress"));
}

fn body_of(dump: &str) -> String {
    body(dump).join("\n")
}

#[test]
fn posts_quoted_after_the_last_paragraph_stay_in_the_article() {
    let dump = format!(
        "{MENU}Senate Adjourns After Two Deaths\n\nOctober 9, 2025\n\n\
         The Senate adjourned on Tuesday after its leader moved a motion in honour of two \
         former members who died during the recess, senators said.\n\n\
         The chamber observed a minute of silence before the adjournment, and the details of \
         the session were shared on the Senate's own account.\n\nSee the posts:\n\n\
         The Senate resolves to observe a minute of silence for the departed.#InThePlenary\n\n\
         — The Senate (@TheSenate) October 9, 2025\n\n\
         The leader moves that all business be suspended until the next sitting day.\n\n\
         — The Senate (@TheSenate) October 9, 2025\n\n\
         Share this:\n\nTwitter\n\nFacebook\n\nSubscribe to our newsletter\n"
    );
    let body = body_of(&dump);
    assert!(
        body.contains("suspended until the next sitting day"),
        "{body}"
    );
    assert!(
        body.contains("minute of silence for the departed"),
        "{body}"
    );
    assert!(!body.contains("Share this"), "{body}");
}

#[test]
fn a_name_under_the_lead_is_a_caption_not_a_byline() {
    let dump = format!(
        "{MENU}Actress Opens Film Festival in Busan\n\nOctober 06, 2025\n\n\
         Photos released online show the actress opening the festival in a gown in the colours \
         of her country's flag, to applause from the crowd.\n\nJane Doe\n\n\
         The veteran actress, who won the festival's top award in 2008, thanked the organisers \
         and said she would return next year with a new film.\n\nTags:\n\nEntertainment\n"
    );
    let cleaned = clean(&dump);
    assert_eq!(cleaned.dek, None);
    assert!(
        cleaned.blocks[0].text.starts_with("Photos released online"),
        "{:#?}",
        cleaned.blocks
    );
}

#[test]
fn a_plain_list_between_two_paragraphs_is_body_but_a_box_of_stories_is_not() {
    let specs =
        "Active noise cancellation for immersive sound\n\nThree sizes of soft silicone tips\n\n\
                 Sweat and water resistant\n\nQuick access to the assistant by voice\n\n";
    let stories = "More from World\n\nMinisters Meet Again in Tokyo Over the Hotline Deal\n\n\
                   Port Strike Ends After a Week of Talks in Busan\n\n\
                   Markets Fall on Fears of a New Round of Tariffs\n\n";
    let page = |middle: &str| {
        format!(
            "{MENU}The Best Headphones to Buy This Winter\n\nBy Jane Doe\n\n\
             Noise-cancelling headphones have become the gadget of the year, and prices have \
             fallen by a third since the spring, our reviewers found.\n\n{middle}\
             The new models also last longer on one charge, and most of them now fold flat, \
             which makes them easier to carry on a long flight.\n\nShare this:\n"
        )
    };
    let with_specs = body_of(&page(specs));
    assert!(
        with_specs.contains("Sweat and water resistant"),
        "{with_specs}"
    );
    let with_stories = body_of(&page(stories));
    assert!(!with_stories.contains("Port Strike Ends"), "{with_stories}");
    assert!(with_stories.contains("fold flat"), "{with_stories}");
}

#[test]
fn a_newsletter_box_under_the_article_is_dropped_with_its_blurb() {
    for form in [
        "Sign Up for the Peninsula Newsletter\n\nDaily news about the politics and business \
         shaping the region.\nEmail\nThis site is protected by reCAPTCHA and the Google Privacy \
         Policy and Terms of Service apply.\n",
        "Get our Essential Politics newsletter\n\nThe latest news, analysis and insights from \
         our bureau chiefs in Seoul and Tokyo.\n\nYou may occasionally receive promotional \
         content from the Peninsula Times.\n",
    ] {
        let dump = format!(
            "{MENU}Seoul and Tokyo Agree on a Hotline\n\nBy Jane Doe\n\n\
             The two governments agreed on Tuesday to open a military hotline, officials in \
             both capitals said, after a year of talks that had stalled twice.\n\n\
             The agreement still needs the approval of both parliaments, which could take \
             until the spring, officials in both capitals said.\n\n{form}\nTags:\n\nPolitics\n"
        );
        let body = body_of(&dump);
        assert!(body.contains("approval of both parliaments"), "{body}");
        assert!(!body.contains("shaping the region"), "{body}");
        assert!(!body.contains("bureau chiefs"), "{body}");
    }
}

#[test]
fn fine_print_under_the_repeated_header_links_is_the_page_footer() {
    let chrome = "Facebook\n\nInstagram\n\nJoin our newsletter\n\n";
    let dump = format!(
        "{chrome}{MENU}Game Day Snacks That Keep You on Track\n\nBy Jane Doe\n\n\
         Game day does not have to mean a plate of wings and a bowl of chips, our nutrition \
         editor says, and a few swaps keep the fun without the slump.\n\n\
         Try roasted chickpeas instead of crisps, and keep a tray of cut vegetables and a \
         yogurt dip on the table before the kick-off.\n\n\
         And if wings it must be, bake them: they come out just as crisp, with a fraction of \
         the oil, and nobody at the party will notice the difference.\n\nRelated Articles\n\nNutrition\n\n\
         Why Breakfast Really Does Matter\n\nNutrition\n\nA New Bar Is Coming Soon\n\n{chrome}\
         The information provided on this website was originally intended for residents of \
         the country only and is not a substitute for professional advice.\n\n\
         Results vary depending on starting point, goals and effort, and proper diet is \
         necessary to achieve and maintain weight loss.\n"
    );
    let body = body_of(&dump);
    assert!(body.contains("yogurt dip"), "{body}");
    assert!(
        !body.contains("information provided on this website"),
        "{body}"
    );
}

#[test]
fn a_sign_up_blurb_glued_to_its_button_and_a_credited_caption_are_not_text() {
    let dump = format!(
        "{MENU}Breaking News Emails\n\nGet breaking news alerts and special reports, delivered \
         to you every weekday morning.\nSUBSCRIBE\nNov. 19, 2025, 8:41 AM UTC\nBy Jane Doe\n\n\
         A man pleaded guilty on Monday to threatening to kill a member of parliament, the \
         prosecutors said in a statement after the hearing.\n\n\
         He faces a maximum of ten years in prison, and sentencing is scheduled for March, \
         the court said.\n\n\
         The member speaks in parliament on July 25, 2025.John Smith / AP file\n"
    );
    let body = body_of(&dump);
    assert!(body.starts_with("A man pleaded guilty"), "{body}");
    assert!(!body.contains("AP file"), "{body}");
}

#[test]
fn a_lead_without_full_stops_under_the_dateline_is_text_but_a_caption_is_not() {
    let page = |lead: &str| {
        format!(
            "{MENU}Chelsea Sign a Keeper for a Record Fee\n\nAugust 08, 2025\n\n{lead}\n\n\
             The 23-year-old flew to London yesterday evening and will spend the day completing \
             the formalities of the move, the club said.\n\n\
             He will undergo a medical at the stadium today ahead of the move, and could play \
             in the first match of the season on Sunday.\n\nTags:\n\nSport\n"
        )
    };
    let lead = "Chelsea have this morning paid the record fee to the league to secure the keeper";
    assert!(body_of(&page(lead)).starts_with("Chelsea have this morning"));
    let caption =
        "The keeper at the training ground on Tuesday, before the medical. Credit: Reuters";
    assert!(body_of(&page(caption)).starts_with("The 23-year-old"));
}

#[test]
fn a_reader_poll_and_a_login_prompt_are_widgets() {
    assert!(super::is_poll_line(
        "Yes, the game is cool (29%, 1,186 Votes)"
    ));
    assert!(super::is_poll_line("Total Voters: 4,145"));
    assert!(!super::is_poll_line(
        "Turnout rose sharply (29%, the highest in years)"
    ));
    let dump = format!(
        "{MENU}Why Every Game Has Bugs\n\nBy Jane Doe\n\n\
         None of the games can be without bugs: some are noticed at once in testing, and some \
         only show at a certain combination of actions in the game.\n\n\
         Most bugs are found by you during the game, and thanks to your reports I can fix \
         them quickly, usually within a day or two of the report.\n\n\
         You must be logged in to post a comment.\n\nPolls\n\n\
         Have you already played the new version of the game? Tell us what you think of it.\n\n\
         Yes, the game is cool (29%, 1,186 Votes)\nNo, not yet (71%, 2,900 Votes)\n\n\
         Total Voters: 4,086\n"
    );
    let body = body_of(&dump);
    assert!(body.contains("fix them quickly"), "{body}");
    assert!(!body.contains("logged in"), "{body}");
    assert!(!body.contains("Votes"), "{body}");
    assert!(!body.contains("Have you already played"), "{body}");
}

#[test]
fn an_advertisement_label_under_the_lead_does_not_make_it_a_dek() {
    let dump = format!(
        "{MENU}Meet the Man With the Minister's Face on His Arm\n\n\
         Published: 28 Apr, 2025 CET\n\n\
         Whether you are for or against the government's approach, there is no denying the \
         minister has become a household name.\n\nAdvertisement\n\n\
         Strange tattoos are plentiful around the world, but you would still be hard pressed to \
         find one quite like this, the artist said.\n\nAdvertisement\n\n\
         On Monday, a 32-year-old admirer had a portrait of the minister tattooed on his arm at \
         a studio in the capital, he told reporters.\n"
    );
    let cleaned = clean(&dump);
    assert_eq!(cleaned.dek, None);
    assert!(
        cleaned.blocks[0].text.starts_with("Whether you are"),
        "{:#?}",
        cleaned.blocks
    );
}

#[test]
fn a_story_embedded_with_its_own_byline_does_not_split_the_article() {
    let dump = format!(
        "{MENU}Chefs Lead Plea to Keep Food Standards in Trade Deals\n\n\
         By Jane Doe and John Roe\n\nPublished: 22:00 GMT, 26 September 2025\n\n\
         A powerful alliance of chefs, celebrities and charities today urges the prime minister \
         to block sub-standard foods from flooding into the country under new trade deals.\n\n\
         In a heartfelt open letter, the chefs call on him not to trade away the health of the \
         nation's children for the sake of a quick deal.\n\n\
         Chefs demand assurances that lower-standard food will not be allowed in\n\n\
         A fitness coach has also called on the prime minister to act\n\n\
         The letter sent by the alliance to the prime minister\n\n\
         Prince: One Million Young People Need Urgent Help\n\nBy Tom Smith for the Web Desk\n\n\
         As many as a million young people need urgent help to protect their futures from the \
         impact of the crisis, the prince said in an article on Sunday.\n\n\
         The letter warns the prime minister that progress made on food standards would be lost \
         if the new trade deals allowed lower standards in.\n\n\
         The government said the letter was misleading and that its manifesto commitment to \
         high standards was clear.\n"
    );
    let cleaned = clean(&dump);
    assert_eq!(
        cleaned.title.as_deref(),
        Some("Chefs Lead Plea to Keep Food Standards in Trade Deals")
    );
    let body = body_of(&dump);
    assert!(body.starts_with("A powerful alliance"), "{body}");
    assert!(body.contains("manifesto commitment"), "{body}");
}

#[test]
fn a_related_link_between_paragraphs_is_not_a_subheading() {
    let dump = format!(
        "{MENU}Hospitals in the North Run Out of Fuel\n\nBy Jane Doe\n\n\
         Since the start of the fighting, doctors say, premature births have increased sharply \
         in the hospitals of the north, which are running out of fuel.\n\nRelated\n\n\
         Inside the Ministry, Doubts About the War Are Beginning to Creep In\n\n\
         Some pregnant women cannot reach the hospital easily because of the fighting, and \
         others have to travel long distances to the south, a doctor said.\n"
    );
    let body = body_of(&dump);
    assert!(!body.contains("Doubts About the War"), "{body}");
    assert!(body.contains("long distances"), "{body}");
}

#[test]
fn a_calendar_under_the_dateline_is_the_article_when_there_is_no_prose() {
    let dump = format!(
        "{MENU}Race Calendar 2026\n\nMonday, 22 January 2026 at 0:13\n\n\
         Round 1: 10 March – Seoul\nRound 2: 8 April – Busan\nRound 3: 22 April – Incheon\n\
         Round 4: 6 May – Daegu\nRound 5: 20 May – Gwangju\nRound 6: 5 August – Ulsan\n\n\
         Share this\n\n\
         Click on the photo of our columnist and read his columns about every race of the \
         season, and the other series he writes about for us.\n\n\
         Click on the image above to see how the drivers rank this season and in the \
         championship so far, race by race.\n"
    );
    let body = body_of(&dump);
    assert!(body.starts_with("Round 1: 10 March"), "{body}");
    assert!(body.contains("Round 6: 5 August"), "{body}");
}

#[test]
fn a_republication_note_under_the_article_closes_it_and_above_it_is_a_credit() {
    let article = "The two governments agreed on Tuesday to open a military hotline, officials \
                   in both capitals said, after a year of talks that had stalled twice.\n\n\
                   The agreement still needs the approval of both parliaments, and officials \
                   said the line could be working by the spring of next year.\n\n";
    let closing = format!(
        "{MENU}Seoul and Tokyo Agree on a Hotline\n\nBy Jane Doe\n\n{article}\
         Five Facts About the Hotline\n\nWhat the Ministers Said\n\n\
         This article was originally published by East Asia Weekly. Read the original.\n\n\
         Most Popular\n\nMarkets Fall on Rate Fears\n"
    );
    let c = clean(&closing);
    let last = c.blocks.last().map(|b| b.text.as_str());
    assert_eq!(
        last,
        Some("This article was originally published by East Asia Weekly. Read the original.")
    );
    assert_eq!(c.original_publication.as_deref(), Some("East Asia Weekly"));
    assert!(c.credits.is_empty(), "{:?}", c.credits);

    // Above the first paragraph the same note is the page's credit, not body.
    let heading = format!(
        "{MENU}Seoul and Tokyo Agree on a Hotline\n\nBy Jane Doe\n\n\
         This article, originally published by East Asia Weekly, is republished with \
         permission.\n\n{article}"
    );
    let c = clean(&heading);
    assert!(!body_of(&heading).contains("originally published"));
    assert_eq!(c.original_publication.as_deref(), Some("East Asia Weekly"));
    assert_eq!(c.credits.len(), 1);
    // "First published on <date>" is a date line, never a closing sentence.
    let dated =
        format!("{MENU}Seoul and Tokyo Agree\n\n{article}First published on November 19, 2025\n");
    assert!(!body_of(&dated).contains("First published"));
}

#[test]
fn a_sentence_in_another_language_under_the_byline_opens_the_body_not_the_dek() {
    let page = |note: &str| {
        format!(
            "{MENU}Seoul and Tokyo Agree on a Hotline\n\nBy Jane Doe\n\n{note}\n\n\
             The two governments agreed on Tuesday to open a military hotline, officials in both \
             capitals said, after a year of talks that had stalled twice over the wording.\n\n\
             The agreement still needs the approval of both parliaments. Still, officials said \
             the line could be working by the spring, and that the first call would be made by \
             the two defence ministers themselves.\n\n\
             Neither government said what the line would cost or who would staff it, and \
             opposition leaders in both countries asked for the details to be published.\n"
        )
    };
    let translated = clean(&page("Diesen Artikel gibt es auch auf Deutsch."));
    assert_eq!(translated.dek, None);
    assert_eq!(
        translated.blocks.first().map(|b| b.text.as_str()),
        Some("Diesen Artikel gibt es auch auf Deutsch.")
    );
    // A standfirst in the article's language, even one without function words, stays one.
    for dek in [
        "Ministers hail breakthrough after months.",
        "Tariff fears rattle Korean carmakers.",
    ] {
        let cleaned = clean(&page(dek));
        assert_eq!(cleaned.dek.as_deref(), Some(dek));
        assert!(!body(&page(dek)).iter().any(|p| p == dek));
    }
}

/// `label` asks the date-line test only of lines within its word bound (from the word
/// count it has): the detector must keep to it.
#[test]
fn the_date_line_bound_label_asks_first_is_the_detectors_own() {
    use crate::clean::meta::{is_date_line, MAX_DATE_LINE_WORDS};
    let date = "Published: January 5, 2025";
    let filler = |n: usize| vec!["|"; n].join(" ");
    let at_bound = format!("{date} {}", filler(MAX_DATE_LINE_WORDS - 4));
    assert!(is_date_line(&at_bound), "{at_bound}");
    let past_bound = format!("{date} {}", filler(MAX_DATE_LINE_WORDS - 3));
    assert!(!is_date_line(&past_bound), "{past_bound}");
}
