package dlkit.quiz;

import java.util.List;

/**
 * The concept quiz: ideas of deep learning that are definitions rather than something to
 * compute. Each question has four options, A to D, and exactly one of them is right. Answer in
 * {@link QuizAnswers}: question 1 is {@code QuizAnswers.q01DeepVsClassicalMl()}, and so on
 * ({@link #answerMethod()} gives the name).
 *
 * <p>Read the questions here, or print one: {@code System.out.println(Question.GAN)} shows its
 * text and options. The wrong options are not silly: each is a mistake people really make, so
 * read all four before choosing. After grading, the feedback explains every question you
 * missed.
 */
public enum Question {

    DEEP_VS_CLASSICAL_ML(1, "deep learning vs classical machine learning",
            "What most sets deep learning apart from classical machine learning methods such as"
                    + " logistic regression or gradient-boosted trees?",
            "It needs no labelled examples at all, because the layered structure of the network"
                    + " already encodes what the task is and what to output.",
            "It learns its own features, layer by layer, from raw input such as pixels, where"
                    + " classical methods mostly rely on features made by hand.",
            "It reaches higher accuracy than any classical method on every data set, which is why"
                    + " it has replaced them.",
            "It fits its parameters by minimising a loss with gradients, which classical methods"
                    + " never do: they are fitted by counting or by closed-form rules."),

    WHEN_CLASSICAL_ML_FITS(1, "when classical machine learning is the better start",
            "A team has 800 rows of tabular data (age, income, contract length, number of support"
                    + " calls, ...) and wants to predict which customers will cancel. Which first"
                    + " approach is usually the most sensible?",
            "A deep convolutional network on the rows, because deeper models generalise better"
                    + " than shallow ones whatever the data.",
            "A transformer pretrained on web text and fine-tuned on the rows, since transfer"
                    + " learning removes the need for labelled data of your own.",
            "None: 800 rows are far too few for any machine learning, so the team should write"
                    + " rules by hand instead.",
            "A classical model such as regularised logistic regression or boosted trees on the given"
                    + " columns, as a baseline to beat."),

    AI_ML_DL(7, "AI, machine learning and deep learning",
            "How do artificial intelligence (AI), machine learning (ML) and deep learning (DL) relate?",
            "They are nested: deep learning is one family of machine-learning methods, and machine"
                    + " learning is one way of building AI.",
            "Machine learning is a kind of deep learning: every machine-learning model is a neural"
                    + " network with at least one hidden layer.",
            "They are three separate fields: AI means rule-based expert systems, ML means"
                    + " statistics and DL means neural networks.",
            "They are three names for the same thing, used by different communities and in"
                    + " different decades."),

    ML_BUT_NOT_DL(7, "machine learning that is not deep learning",
            "Which of these systems is machine learning but not deep learning?",
            "A chess engine that searches the game tree and scores positions with a formula"
                    + " written and tuned by chess experts.",
            "A 50-layer convolutional network that classifies photos of skin lesions into benign"
                    + " and malignant.",
            "A gradient-boosted tree ensemble that predicts house prices from floor area, number"
                    + " of rooms and location.",
            "A spam filter made of keyword rules that an administrator revises every week after"
                    + " reading the spam that got through."),

    CNN_FOR_IMAGES(4, "convolutional networks",
            "Why are convolutional networks (CNNs) the usual choice for images, rather than a"
                    + " fully connected network (MLP) on the flattened pixels?",
            "A fully connected network cannot take an image as input at all: its input must be"
                    + " a list of hand-made features.",
            "Only convolution layers can be followed by a non-linear activation, and images"
                    + " need non-linear models.",
            "A convolution slides one small filter over every position: far fewer weights, and a"
                    + " pattern is found wherever it appears.",
            "Their filters are fixed edge detectors chosen by the designer, so far less has to be"
                    + " trained than in an MLP of the same size."),

    RNN_VS_TRANSFORMER(4, "recurrent networks and transformers",
            "Recurrent networks (RNN, LSTM, GRU) and transformers both process sequences. What is"
                    + " the key difference in how they do it?",
            "An RNN reads one step at a time, carrying a hidden state forward; a transformer lets"
                    + " every position attend to all others at once.",
            "A transformer can only process text, while an RNN can process any kind of sequence"
                    + " (audio, sensor readings, prices).",
            "An RNN uses different weights at each time step, while a transformer shares a single"
                    + " set of weights across all the positions of the sequence.",
            "A transformer ignores the order of its inputs, so it cannot be used where word order"
                    + " matters; an RNN can."),

    GAN(4, "generative adversarial networks",
            "What makes a generative adversarial network (GAN) different from the other kinds of"
                    + " network?",
            "It is one network trained to reproduce its input at its output through a narrow"
                    + " middle layer, which forces a compact code.",
            "It is a recurrent network whose output at each step is fed back as its next input,"
                    + " so it can generate sequences.",
            "It learns without a loss function: two networks vote on each answer and the majority"
                    + " is taken as the label.",
            "Two networks compete: a generator turns random noise into samples, and a discriminator learns"
                    + " to tell those samples from real data."),

    WHAT_TRAINING_CHANGES(2, "what training changes in a network",
            "While a neural network of a fixed architecture is being trained, what does the"
                    + " optimiser (gradient descent, Adam, ...) change?",
            "The number of neurons in each layer: units are added where the loss is high and"
                    + " removed where it is low.",
            "The weights and biases; the layer sizes and activation functions stay as designed.",
            "The activation function of each neuron, choosing among ReLU, sigmoid and tanh"
                    + " whichever lowers the loss most.",
            "The training inputs, which are nudged towards their labels until the network's"
                    + " outputs match them."),

    XOR_NEEDS_HIDDEN_LAYER(3, "why XOR needs a hidden layer",
            "One neuron (a linear function followed by a threshold) cannot compute the XOR of two"
                    + " bits, but a network with one hidden layer of two units can. Why?",
            "No straight line separates XOR's 1s from its 0s; a non-linear hidden layer remaps the"
                    + " points so that one line can.",
            "A single neuron can learn XOR too, but it needs many more training epochs than a"
                    + " network with a hidden layer does.",
            "The hidden layer adds weights, and more weights can represent more functions whether"
                    + " or not there is an activation between the layers.",
            "XOR needs a probability as its output, and only a network ending in a softmax layer"
                    + " can produce one."),

    UNIVERSAL_APPROXIMATION(5, "the universal approximation theorem",
            "The universal approximation theorem says that a network with one hidden layer and a"
                    + " suitable non-linear activation can approximate any continuous function on a"
                    + " bounded domain as closely as wanted. Which conclusion is right?",
            "Gradient descent on a network with one hidden layer will find weights that"
                    + " approximate the target function well, given enough epochs.",
            "A single hidden layer of a few dozen units is enough for any task, so deeper"
                    + " networks are never actually needed.",
            "Suitable weights exist, but it says nothing about how many units that takes, whether"
                    + " training finds them, or generalisation.",
            "It holds for any activation function, the identity included, because the hidden"
                    + " layer is what makes networks universal."),

    BACKPROP_VS_GRADIENT_DESCENT(8, "backpropagation and gradient descent",
            "How are backpropagation and gradient descent related?",
            "They are two names for the same algorithm: backpropagation is simply what gradient"
                    + " descent is called for neural networks.",
            "Backpropagation updates the weights, using the changes in the loss that gradient"
                    + " descent measured during the forward pass.",
            "Backpropagation estimates each gradient by nudging one weight a little and running"
                    + " the network again; gradient descent then uses them.",
            "Backpropagation computes the gradient of the loss for every weight with the chain rule;"
                    + " gradient descent uses it to update them."),

    LEARNING_RATE_TOO_HIGH(10, "a learning rate that is too high",
            "From the first iterations the training loss jumps up and down, grows, and after a"
                    + " while becomes NaN. The data and the code look right. What is the most"
                    + " likely cause, and the first thing to try?",
            "The learning rate is too low and the model is stuck; raise it so that the steps"
                    + " carry it out of the bad region.",
            "The learning rate is too high: each step overshoots the minimum and lands higher up the other"
                    + " side; lower it, say tenfold.",
            "The model is too simple for the data and underfits; add layers or units so that it"
                    + " can fit the training set.",
            "The training set is too small for the model; collect more data or augment the data"
                    + " that there is."),

    VANISHING_GRADIENT(13, "vanishing gradients",
            "In a deep network with sigmoid activations, the first layers barely change during"
                    + " training while the last layers learn normally. What is going on?",
            "Each layer multiplies the gradient by a derivative, and the sigmoid's is at most 0.25,"
                    + " so it shrinks layer by layer on the way back.",
            "The first layers have already reached their best values, which is why their"
                    + " gradients are almost zero; the last layers are still catching up.",
            "The learning rate is too high for the first layers, so their updates cancel out"
                    + " from one step to the next.",
            "The first layers overfit the training data, and regularisation holds back their"
                    + " updates more than those of the last layers."),

    EXPLODING_GRADIENT(14, "exploding gradients",
            "A recurrent network trained on long sequences now and then gets a gradient thousands"
                    + " of times larger than usual, and that one update wrecks the weights. Which"
                    + " remedy targets this directly?",
            "Add dropout to the recurrent layer, so that no single unit can produce such a large"
                    + " gradient on its own.",
            "Raise the learning rate, so that training gets through the unstable region in fewer"
                    + " steps.",
            "Clip the gradient: when its norm exceeds a threshold, scale it down to that norm"
                    + " before applying the update.",
            "Train for more epochs, so that the rare huge updates average out against the many"
                    + " normal ones."),

    OVERFITTING_DIAGNOSIS(15, "recognising overfitting",
            "A classifier reaches 99% accuracy on its training set and 71% on a held-out"
                    + " validation set. Its validation loss started rising after epoch 12 while its"
                    + " training loss kept falling. What is the diagnosis?",
            "Underfitting: the model is too simple to capture the pattern, which shows in the"
                    + " low validation accuracy.",
            "The learning rate is too high: the rising validation loss shows the steps"
                    + " overshooting the minimum.",
            "The validation set is probably mislabelled; the training accuracy is the more"
                    + " reliable number of the two.",
            "Overfitting: it has learnt noise and quirks of the training set that do not hold for"
                    + " new data."),

    UNDERFITTING_DIAGNOSIS(16, "recognising underfitting",
            "A model reaches 63% accuracy on its training set and 61% on its validation set, and"
                    + " both learning curves flattened out long ago. Which description fits?",
            "Overfitting, since the model does worse on the validation set than on the training set"
                    + " it has seen.",
            "Underfitting: the model does badly even on the data it was trained on.",
            "A good fit, because the training and validation accuracies are almost equal.",
            "Convergence to the best possible accuracy: the flat curves show that nothing can"
                    + " improve it further."),

    UNDERFITTING_REMEDY(16, "curing underfitting",
            "Which change is most likely to help a model that underfits?",
            "More capacity (more units or layers, or better input features) and weaker"
                    + " regularisation.",
            "Add dropout and a stronger L2 penalty, so that it stops relying on a few weights and"
                    + " learns more robust features.",
            "Collect more training examples of the same kind and keep the model as it is, since more"
                    + " data always helps.",
            "Stop training earlier, before the model has time to settle into a poor solution."),

    BIAS_VARIANCE_ENSEMBLE(17, "bias, variance and averaging models",
            "You train the same network 10 times, each on a different bootstrap resample of the"
                    + " training set, and average the 10 predictions. Compared with one network,"
                    + " which part of the expected error does this mainly reduce?",
            "The bias: averaging makes the combined model more flexible than any one of its"
                    + " members, so it fits the pattern better.",
            "The noise: averaging cancels the random errors in the labels, so the combined model"
                    + " sees cleaner targets.",
            "The variance: members disagree because each saw a different sample, and averaging"
                    + " cancels much of that.",
            "None of them: the members share one architecture, so averaging them cannot change"
                    + " the expected error at all."),

    TRANSFER_LEARNING(18, "transfer learning",
            "You have 2,000 labelled chest X-rays and a network pretrained on millions of everyday"
                    + " photos. What does transfer learning do here, and why can it work?",
            "It labels the X-rays with the pretrained network's predictions, so that no doctor"
                    + " has to label anything.",
            "It reuses the pretrained layers under a new output layer trained on the X-rays: edge,"
                    + " texture and shape detectors suit any image.",
            "It trains a new network of the same architecture from scratch on the X-rays, since the"
                    + " architecture is the part that carries over between tasks.",
            "It works only if the X-ray classes are among the classes the network was pretrained"
                    + " on, since the output layer is kept."),

    FINE_TUNING(19, "fine-tuning",
            "You trained a new classification head on top of a frozen pretrained network, and now"
                    + " you decide to fine-tune. What does fine-tuning usually mean?",
            "Keep every pretrained layer frozen and train the new head for more epochs, with a"
                    + " learning rate that decays.",
            "Unfreeze all layers and train them with a larger learning rate than in pretraining,"
                    + " so that the old task is forgotten quickly.",
            "Re-initialise the pretrained layers at random and train the whole network on the"
                    + " new data, keeping the new head.",
            "Unfreeze some or all pretrained layers and keep training them on the new data with a"
                    + " small learning rate."),

    END_TO_END(20, "end-to-end learning",
            "Speech recognisers used to be pipelines: hand-designed acoustic features, a phoneme"
                    + " model, a pronunciation dictionary and a language model, each built"
                    + " separately. What makes a recogniser end-to-end instead?",
            "One model maps raw audio straight to text, and all its parts are trained together by"
                    + " one loss on the final output.",
            "It is trained in a single pass over the data (one epoch), from the first example"
                    + " to the last.",
            "Every stage of the pipeline is replaced by a neural network, each trained on its own"
                    + " intermediate labels such as phonemes.",
            "It runs entirely on the user's device, from microphone to text, without sending"
                    + " audio to a server."),

    EARLY_STOPPING_DATA(35, "early stopping and honest evaluation",
            "You use early stopping, and you want an honest estimate of how well the final model"
                    + " will do on new data. Which data should play which role?",
            "Choose the stopping epoch on the test set, and report the accuracy on that same"
                    + " test set.",
            "Choose the stopping epoch from the training loss, and report the accuracy on the"
                    + " validation set.",
            "Choose the stopping epoch on a validation set; report accuracy on a separate test set,"
                    + " used once at the end.",
            "Choose the stopping epoch on a validation set, and report the best validation accuracy"
                    + " seen during training as the final result."),

    CLASS_IMBALANCE_ACCURACY(39, "accuracy under class imbalance",
            "In a fraud-detection data set, 1% of the transactions are fraudulent. A model reaches"
                    + " 99% accuracy on held-out data. What should you conclude?",
            "The model is excellent: 99% accuracy means it catches 99 out of every 100"
                    + " fraudulent transactions.",
            "Nothing yet: always answering 'not fraud' scores 99% too; check recall and precision on"
                    + " the fraud class instead.",
            "The model overfits: an accuracy above 95% on a problem this hard is a sure sign of"
                    + " memorised training data.",
            "Accuracy is a sound measure here once the data set is large, so the next step is to"
                    + " collect more transactions."),

    GRU_VS_LSTM(4, "GRU or LSTM",
            "Both the LSTM and the GRU are gated recurrent cells. In which situation is a GRU the more"
                    + " sensible first choice?",
            "Whenever the sequences are longer than a few hundred steps, because a GRU can carry"
                    + " information much further back than any LSTM can.",
            "Only when the input is text, because the GRU is defined on word embeddings while the"
                    + " LSTM accepts any numeric sequence at all.",
            "When the task needs exact counting over the sequence, since the GRU's reset gate keeps"
                    + " an integer counter that the LSTM's gates lack.",
            "When data or compute are tight: two gates and no separate cell state mean fewer"
                    + " weights and faster training, often with similar results."),

    GAN_INSTABILITY(4, "why GAN training is unstable",
            "Training a GAN is known to be fragile: losses oscillate, and the generator sometimes"
                    + " produces only a few kinds of samples. What is the main reason?",
            "The discriminator's loss is not convex, and gradient descent diverges on every"
                    + " non-convex loss unless the learning rate is made extremely small.",
            "Each network's objective moves as the other learns, so there is no fixed loss to go"
                    + " down; the generator can also settle on a few outputs that fool it.",
            "The generator never sees real data, so it gets no gradient at all until the"
                    + " discriminator has been trained to perfection on the real samples.",
            "The generator and the discriminator share their weights, so every update of one"
                    + " network overwrites what the other network has just learnt."),

    ATTENTION_VS_RECURRENCE(4, "what attention buys over recurrence",
            "Transformers replaced recurrent networks in most sequence tasks. What does"
                    + " self-attention give that recurrence does not?",
            "It needs no information about positions, because attention reads the tokens in their"
                    + " order one after another, as a recurrent network does.",
            "Its cost grows only linearly with the length of the sequence, whereas a recurrent"
                    + " network's cost grows with the square of the length.",
            "Any two positions interact in one step, so distant links need no long chain of"
                    + " updates, and all positions are computed in parallel.",
            "It squeezes the whole sequence into one fixed-size memory vector, which makes it"
                    + " cheaper than recurrence on very long inputs.");

    private final int curriculumRow;
    private final String topic;
    private final String text;
    private final List<String> options;

    Question(int curriculumRow, String topic, String text, String a, String b, String c, String d) {
        this.curriculumRow = curriculumRow;
        this.topic = topic;
        this.text = text;
        this.options = List.of(a, b, c, d);
    }

    /** The question's number in the quiz, from 1. */
    public int number() {
        return ordinal() + 1;
    }

    /** The question of the curriculum's source list (CURRICULUM.md) this item covers. */
    public int curriculumRow() {
        return curriculumRow;
    }

    /** A few words naming the idea asked about, e.g. "vanishing gradients". */
    public String topic() {
        return topic;
    }

    /** The question itself. */
    public String text() {
        return text;
    }

    /** The text of one option. */
    public String option(Choice choice) {
        return options.get(choice.ordinal());
    }

    /** The method of {@link QuizAnswers} that answers this question, e.g. "q13VanishingGradient". */
    public String answerMethod() {
        StringBuilder name = new StringBuilder(String.format("q%02d", number()));
        for (String word : name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return name.toString();
    }

    /** The question as it would be printed on paper: number, text and the four options. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Question " + number() + " (" + topic + "): " + text);
        for (Choice choice : Choice.values()) {
            out.append("\n  ").append(choice).append(". ").append(option(choice));
        }
        return out.toString();
    }
}
