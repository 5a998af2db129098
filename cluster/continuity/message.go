package continuity

import (
	"encoding/json"
	"errors"
	"fmt"
)

// MessageKind tells what a Message carries.
type MessageKind uint8

// Message kinds carried on the replication stream (CONTRACT 25).
const (
	// MsgUpsert: a record changed at the sender (or a resync after StreamUp).
	MsgUpsert MessageKind = 1
	// MsgPrepare: the ingress asks a replica to hold the record; answered by MsgAck after
	// the replica's commit (CONTRACT 34, 36).
	MsgPrepare MessageKind = 2
	// MsgAck: the replica holds (Key, Attempt).
	MsgAck MessageKind = 3
	// MsgPruned: the sender pruned Keys (retention.go): a copy of them here is stale.
	MsgPruned MessageKind = 4
)

func (k MessageKind) String() string {
	switch k {
	case MsgUpsert:
		return "upsert"
	case MsgPrepare:
		return "prepare"
	case MsgAck:
		return "ack"
	case MsgPruned:
		return "pruned"
	}
	return fmt.Sprintf("kind%d", uint8(k))
}

// Message is one frame between engines. Every message carries the sender's authority and
// attempt watermark, so a higher epoch fences the receiver (CONTRACT 28) and the receiver's
// attempt tokens stay above the sender's (§4.11 step 1).
type Message struct {
	Kind        MessageKind `json:"kind"`
	From        string      `json:"from"`
	Incarnation string      `json:"inc"`
	Authority   Authority   `json:"authority"`
	Watermark   uint64      `json:"watermark"`
	Record      *Record     `json:"record,omitempty"`
	Key         string      `json:"key,omitempty"`
	Attempt     string      `json:"attempt,omitempty"`
	// Keys: MsgPruned's keys.
	Keys []string `json:"keys,omitempty"`
}

// EncodeMessage is the deterministic wire encoding (JSON, fields in declaration order).
func EncodeMessage(m Message) []byte {
	b, _ := json.Marshal(m)
	return b
}

// DecodeMessage reverses EncodeMessage.
func DecodeMessage(b []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(b, &m); err != nil {
		return Message{}, fmt.Errorf("continuity message: %w", err)
	}
	switch m.Kind {
	case MsgUpsert, MsgPrepare:
		if m.Record == nil {
			return Message{}, errors.New("continuity message: " + m.Kind.String() + " without record")
		}
	case MsgAck:
		if m.Key == "" || m.Attempt == "" {
			return Message{}, errors.New("continuity message: ack without key or attempt")
		}
	case MsgPruned:
		if len(m.Keys) == 0 {
			return Message{}, errors.New("continuity message: pruned without keys")
		}
	default:
		return Message{}, fmt.Errorf("continuity message: unknown kind %d", m.Kind)
	}
	return m, nil
}
