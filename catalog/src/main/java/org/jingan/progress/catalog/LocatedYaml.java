package org.jingan.progress.catalog;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document read into a small tree that remembers the line of every mapping, list, key and value, so
 * validation can point at the exact line of a bad field. Jackson's own tree drops locations, hence this reader.
 */
final class LocatedYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private LocatedYaml() {
    }

    /** A node with the 1-based line it starts on. */
    sealed interface Node permits Scalar, ListNode, MapNode {
        int line();
    }

    /** A scalar: text, number, boolean or null, as Jackson typed it. */
    record Scalar(int line, JsonNode value) implements Node {
    }

    record ListNode(int line, List<Node> items) implements Node {
    }

    /** A key of a mapping, where it is, and its value. */
    record Entry(String key, int line, Node value) {
    }

    /** A mapping in file order; keys given twice are kept apart so they can be reported. */
    record MapNode(int line, Map<String, Entry> entries, List<Entry> duplicates) implements Node {
        Entry get(String key) {
            return entries.get(key);
        }
    }

    /** Reads one YAML document; syntax errors surface as Jackson's exceptions, which carry the location. */
    static Node read(Reader yaml) throws IOException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return new Scalar(1, JsonNodeFactory.instance.nullNode());
            }
            return readNode(parser);
        }
    }

    private static Node readNode(JsonParser parser) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                List<Entry> duplicates = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    Entry entry = new Entry(key, keyLine, readNode(parser));
                    if (entries.putIfAbsent(key, entry) != null) {
                        duplicates.add(entry);
                    }
                }
                return new MapNode(line, entries, duplicates);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readNode(parser));
                }
                return new ListNode(line, items);
            }
            default -> {
                return new Scalar(line, scalar(parser, token));
            }
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> nodes.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> nodes.textNode(parser.getText());
        };
    }
}
