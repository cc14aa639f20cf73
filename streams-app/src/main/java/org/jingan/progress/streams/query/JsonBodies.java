package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;

/**
 * Writes answers as UTF-8 JSON bytes in one step: Javalin's {@code ctx.json} renders a String first and encodes it
 * again, which for the whole board is megabytes of copying per request; and {@code ctx.result(bytes)} copies them
 * once more through a new buffer, a fifth of what a single-target query allocated.
 */
final class JsonBodies {
    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(Context ctx, Object body) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            // straight to the (compressing) output stream: ctx.result(bytes) would wrap them in a stream and copy
            // them again through a fresh buffer per request
            ctx.contentType("application/json").outputStream().write(bytes);
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
