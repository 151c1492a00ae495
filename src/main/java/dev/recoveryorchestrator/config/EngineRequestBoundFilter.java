package dev.recoveryorchestrator.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 413 a request to the engine's REST API or the webapps' API whose body is larger than
 * {@code recovery.security.engine-request.max-body}, before the engine reads any of it: Camunda bounds neither a
 * variable's size nor a file variable's or an attachment's, so without this a responder could store a 20 MB file
 * variable on a task. A body of declared length is refused on its header; a chunked one is read up to the bound and
 * then either refused or handed on as read. Nothing reaches the engine from a refused request.
 */
class EngineRequestBoundFilter extends OncePerRequestFilter {

    private final long maxBody;

    EngineRequestBoundFilter(long maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBody) {
            refuse(response);
            return;
        }
        if (declared >= 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        }
        if (body.length > maxBody) {
            refuse(response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemDetail problem = FilterProblems.problem(413, "Request too large", "the request body is larger than "
                + maxBody + " bytes (recovery.security.engine-request.max-body): no variable, file or attachment is stored");
        problem.setProperty("field", "body");
        FilterProblems.write(response, problem);
    }

    /** The request with the body already read (a chunked body within the bound). */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read");
                }
            };
        }
    }
}
