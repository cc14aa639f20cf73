package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;

/**
 * Writes answers as UTF-8 JSON bytes in one step: Javalin's {@code ctx.json} renders a String first and encodes it
 * again, which for the whole board is megabytes of copying per request.
 */
final class JsonBodies {
    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the answer as JSON", e);
        }
    }

    <T> T read(Context ctx, Class<T> type) {
        try {
            return mapper.readValue(ctx.bodyAsBytes(), type);
        } catch (IOException e) {
            throw new BadRequestException("The body is not a JSON " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
