package io.kencom.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls released together from threads of their own, as parallel clients or instances would make them. */
public final class AtOnce {

    private AtOnce() {
    }

    /** The same call {@code times} times at once; the results in no particular order. */
    public static <T> List<T> run(int times, Callable<T> call) {
        return run(Collections.nCopies(times, call));
    }

    /** Each call at once; the results in the calls' order. */
    public static <T> List<T> run(List<Callable<T>> calls) {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        CyclicBarrier together = new CyclicBarrier(calls.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    together.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a call failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
