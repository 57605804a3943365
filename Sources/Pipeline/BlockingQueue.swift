import Foundation

/// A first-in, first-out queue between threads; `push` waits while the queue is full.
///
/// The bound is what keeps memory flat: rendering can run at most `capacity` pages ahead
/// of OCR, whatever the size of the batch.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Popped slots are set to nil at once, so a consumed page image is freed at once.
    private var items: [Element?] = []
    private var head = 0
    private let capacity: Int

    init(capacity: Int = .max) {
        self.capacity = capacity
    }

    func push(_ item: Element) {
        condition.lock()
        while items.count - head >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> Element {
        condition.lock()
        while items.count == head { condition.wait() }
        let item = items[head]!
        items[head] = nil
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        condition.unlock()
        return item
    }
}
