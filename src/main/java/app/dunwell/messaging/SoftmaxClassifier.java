package app.dunwell.messaging;

import java.util.List;
import java.util.Random;

/** Multinomial logistic regression trained by mini-batch gradient descent with L2; small and deterministic. */
final class SoftmaxClassifier {
    private final double[][] weights;
    private final double[] bias;

    private SoftmaxClassifier(double[][] weights, double[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    static SoftmaxClassifier train(List<double[]> x, int[] y, int classes, int epochs, double rate, double l2) {
        int dims = x.get(0).length;
        double[][] w = new double[classes][dims];
        double[] b = new double[classes];
        Random random = new Random(42);
        int[] order = new int[x.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int index : order) {
                double[] features = x.get(index);
                double[] p = probabilities(w, b, features);
                for (int c = 0; c < classes; c++) {
                    double gradient = p[c] - (y[index] == c ? 1 : 0);
                    double[] wc = w[c];
                    for (int d = 0; d < dims; d++) {
                        wc[d] -= rate * (gradient * features[d] + l2 * wc[d]);
                    }
                    b[c] -= rate * gradient;
                }
            }
        }
        return new SoftmaxClassifier(w, b);
    }

    double[] probabilities(double[] features) {
        return probabilities(weights, bias, features);
    }

    private static double[] probabilities(double[][] w, double[] b, double[] features) {
        double[] scores = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = b[c];
            double[] wc = w[c];
            for (int d = 0; d < features.length; d++) {
                s += wc[d] * features[d];
            }
            scores[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
        return scores;
    }
}
