package com.supportdesk.notifications.templates;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.reflect.MapObjectHandler;
import com.github.mustachejava.resolver.ClasspathResolver;
import com.github.mustachejava.util.Wrapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Renders the mustache templates under {@code notifications/templates/} on the class path, in one of two
 * modes: HTML, where every {@code {{value}}} is HTML-escaped, and text, where it is written as is.
 *
 * <p>Both modes are strict, so that a template mistake fails the template test rather than reaching a
 * customer: a name the model does not hold is an error (mustache would render it empty), and the
 * unescaped forms {@code {{{value}}}} and {@code {{&value}}}, pragmas and delimiter changes are refused
 * when a template is compiled. Models are flat maps of strings and booleans, with no nulls.
 */
final class TemplateRenderer {
    static final String ROOT = "notifications/templates";

    private final StrictFactory html = new StrictFactory(true);
    private final StrictFactory text = new StrictFactory(false);

    /** @param name a path under {@link #ROOT}, such as {@code en/case-acknowledgement.html.mustache} */
    String html(String name, Map<String, Object> model) {
        return render(html, name, model);
    }

    String text(String name, Map<String, Object> model) {
        return render(text, name, model);
    }

    private static String render(StrictFactory factory, String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            factory.compile(name).execute(out, model).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final class StrictFactory extends DefaultMustacheFactory {
        private final boolean escapeHtml;

        StrictFactory(boolean escapeHtml) {
            super(new ClasspathResolver(ROOT));
            this.escapeHtml = escapeHtml;
            setObjectHandler(new StrictMapHandler());
            mc.setAllowChangingDelimeters(false);
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void pragma(TemplateContext tc, String pragma, String args) {
                    throw new MustacheException("Pragmas are not allowed in notification templates: " + tc);
                }

                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    if (!encoded) {
                        throw new MustacheException("Unescaped {{{" + variable + "}}} or {{&" + variable
                                + "}} is not allowed in notification templates: " + tc);
                    }
                    list.add(new ValueCode(tc, df, variable, true));
                }
            };
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
            } else {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException("Failed to write a value", e);
                }
            }
        }
    }

    /** Looks names up in the model map only, and refuses a name it does not hold. */
    private static final class StrictMapHandler extends MapObjectHandler {
        @Override
        public Wrapper find(String name, List<Object> scopes) {
            Wrapper lookup = super.find(name, scopes);
            return s -> {
                Object value = lookup.call(s);
                if (value == null) {
                    throw new MustacheException("The message model has no value for {{" + name + "}}");
                }
                return value;
            };
        }
    }
}
