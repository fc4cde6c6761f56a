package io.inventory.events.conformance.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a reader sees on the rendered page: the text of its DOM, without markup, scripts or styles,
 * with runs of white space made one space. Hidden sections (a collapsed payload) count as shown, as
 * a click opens them.
 */
record PageText(String text) {
  private static final Pattern SCRIPTS_AND_STYLES =
      Pattern.compile("<(script|style)\\b.*?</\\1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern TAGS = Pattern.compile("<[^>]*>");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String MESSAGE_ID = "Message ID ";

  static PageText of(String dom) {
    String text = SCRIPTS_AND_STYLES.matcher(dom).replaceAll(" ");
    text = TAGS.matcher(text).replaceAll(" ");
    text =
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&");
    return new PageText(SPACES.matcher(text).replaceAll(" ").trim());
  }

  /**
   * Every part of the page about one message: from each "Message ID id" (the message is shown under
   * each operation and in the message list) to the next message's.
   */
  List<String> messageSections(String messageId) {
    List<String> sections = new ArrayList<>();
    String marker = MESSAGE_ID + messageId + " ";
    for (int start = text.indexOf(marker); start >= 0; start = text.indexOf(marker, start + 1)) {
      int end = text.indexOf(MESSAGE_ID, start + marker.length());
      sections.add(text.substring(start, end < 0 ? text.length() : end));
    }
    return sections;
  }

  /** The page's last section, which lists the shared types by name. */
  String schemasSection() {
    int start = text.lastIndexOf(" Schemas ");
    return start < 0 ? "" : text.substring(start);
  }

  /** {@code value} without any white space, to compare prose that markup may have re-spaced. */
  static String compact(String value) {
    return SPACES.matcher(value).replaceAll("");
  }
}
