package app.dunwell.messaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Days named by a promise, from the local date it was received (2026-03-11 is a Wednesday). */
class PromisedDateTest {
    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            I'll pay on Friday                      | 2026-03-11 | 2026-03-13
            te pago el viernes                      | 2026-03-11 | 2026-03-13
            Friday for sure                         | 2026-03-13 | 2026-03-13
            next Friday                             | 2026-03-13 | 2026-03-20
            next Friday                             | 2026-03-11 | 2026-03-13
            el próximo martes                       | 2026-03-31 | 2026-04-07
            el viernes que viene                    | 2026-03-11 | 2026-03-13
            will pay the 15th when I get paid       | 2026-03-11 | 2026-03-15
            the 15th                                | 2026-03-16 | 2026-04-15
            pago el día 31                          | 2026-04-02 | 2026-05-31
            tomorrow                                | 2026-03-31 | 2026-04-01
            mañana sin falta                        | 2026-03-11 | 2026-03-12
            el viernes por la mañana                | 2026-03-11 | 2026-03-13
            pasado mañana                           | 2026-03-11 | 2026-03-13
            today                                   | 2026-03-11 | 2026-03-11
            a fin de mes                            | 2026-03-11 | 2026-03-31
            by the end of the month                 | 2026-02-03 | 2026-02-28
            on March 20                             | 2026-03-11 | 2026-03-20
            el 2 de abril                           | 2026-03-11 | 2026-04-02
            """)
    void resolves(String text, LocalDate today, LocalDate expected) {
        assertEquals(expected, PromisedDate.in(text, today).orElse(null));
    }

    @ParameterizedTest
    @CsvSource({"I'll pay soon", "la quincena", "next week", "payday"})
    void noDayNoDate(String text) {
        assertEquals(null, PromisedDate.in(text, LocalDate.of(2026, 3, 11)).orElse(null));
    }
}
